CREATE TABLE "chain_entries" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chain_entries_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"chain_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"seq" integer NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_entries_seq_check" CHECK ("chain_entries"."seq" >= 1),
	CONSTRAINT "chain_entries_hash_check" CHECK ("chain_entries"."hash" ~ '^[0-9a-f]{64}$' and "chain_entries"."prev_hash" ~ '^[0-9a-f]{64}$')
);
--> statement-breakpoint
CREATE TABLE "chain_heads" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "chain_heads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" text NOT NULL,
	"subject_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"length" integer DEFAULT 0 NOT NULL,
	"head_hash" text DEFAULT '0000000000000000000000000000000000000000000000000000000000000000' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "chain_heads_length_check" CHECK ("chain_heads"."length" >= 0)
);
--> statement-breakpoint
ALTER TABLE "chain_entries" ADD CONSTRAINT "chain_entries_chain_id_chain_heads_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."chain_heads"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_entries" ADD CONSTRAINT "chain_entries_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chain_heads" ADD CONSTRAINT "chain_heads_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "chain_entries_chain_seq_uq" ON "chain_entries" USING btree ("chain_id","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "chain_heads_kind_subject_uq" ON "chain_heads" USING btree ("kind","subject_id");