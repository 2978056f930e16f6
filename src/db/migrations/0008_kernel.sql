CREATE TABLE "figures_cells" (
	"family" text NOT NULL,
	"level" text NOT NULL,
	"area_id" bigint NOT NULL,
	"dim" text NOT NULL,
	"month" date NOT NULL,
	"counter" text NOT NULL,
	"city_id" bigint NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "figures_cells_family_level_area_id_dim_month_counter_pk" PRIMARY KEY("family","level","area_id","dim","month","counter")
);
--> statement-breakpoint
CREATE TABLE "figures_days" (
	"family" text NOT NULL,
	"level" text NOT NULL,
	"area_id" bigint NOT NULL,
	"day" date NOT NULL,
	"counter" text NOT NULL,
	"n" bigint NOT NULL,
	CONSTRAINT "figures_days_family_level_area_id_counter_day_pk" PRIMARY KEY("family","level","area_id","counter","day")
);
--> statement-breakpoint
CREATE TABLE "figures_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"family" text NOT NULL,
	"community_id" bigint NOT NULL,
	"compound_id" bigint DEFAULT 0 NOT NULL,
	"company_id" bigint DEFAULT 0 NOT NULL,
	"street_id" bigint NOT NULL,
	"district_id" bigint NOT NULL,
	"city_id" bigint NOT NULL,
	"dim" text DEFAULT '' NOT NULL,
	"day" date NOT NULL,
	"counter" text NOT NULL,
	"delta" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_records" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "idempotency_records_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"caller" text NOT NULL,
	"operation" text NOT NULL,
	"key" text NOT NULL,
	"request_hash" text NOT NULL,
	"result" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "kernel_jobs" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text,
	"running_until" timestamp with time zone,
	"last_started_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_error" text,
	"runs" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
DROP TABLE "idempotency_keys" CASCADE;--> statement-breakpoint
CREATE INDEX "figures_cells_city_idx" ON "figures_cells" USING btree ("family","level","city_id","month");--> statement-breakpoint
CREATE INDEX "figures_deltas_family_city_idx" ON "figures_deltas" USING btree ("family","city_id");--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_records_uq" ON "idempotency_records" USING btree ("caller","operation","key");