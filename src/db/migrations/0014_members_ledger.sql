CREATE TABLE "service_ledger" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "service_ledger_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"source_module" text NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"points" integer NOT NULL,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_ledger" ADD CONSTRAINT "service_ledger_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ledger" ADD CONSTRAINT "service_ledger_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "service_ledger_source_uq" ON "service_ledger" USING btree ("source_module","source_kind","source_id","person_id");--> statement-breakpoint
CREATE INDEX "service_ledger_person_idx" ON "service_ledger" USING btree ("person_id","at");--> statement-breakpoint
CREATE INDEX "service_ledger_community_idx" ON "service_ledger" USING btree ("community_id","at");