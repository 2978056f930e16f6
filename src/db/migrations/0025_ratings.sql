CREATE TABLE "rating_assessments" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rating_assessments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"rating_id" bigint NOT NULL,
	"scores" jsonb NOT NULL,
	"total" integer NOT NULL,
	"opinion" text NOT NULL,
	"assessed_by_account_id" bigint NOT NULL,
	"assessed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_cycles" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rating_cycles_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"year" integer NOT NULL,
	"title" text NOT NULL,
	"rubric_id" bigint NOT NULL,
	"period_from" text NOT NULL,
	"period_to" text NOT NULL,
	"apply_by" date NOT NULL,
	"valid_until" date NOT NULL,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rating_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" bigint NOT NULL,
	"rating_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_account_id" bigint,
	"actor_name" text,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_lowerings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rating_lowerings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" bigint NOT NULL,
	"rating_id" bigint NOT NULL,
	"grounds" text NOT NULL,
	"from_level" smallint NOT NULL,
	"to_level" smallint NOT NULL,
	"reason" text NOT NULL,
	"measured" jsonb,
	"answer_due_at" timestamp with time zone NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_account_id" bigint,
	"decision" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"proposed_by_account_id" bigint NOT NULL,
	"proposed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rating_rubrics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "rating_rubrics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"city_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ratings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "ratings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"company_id" bigint NOT NULL,
	"city_id" bigint NOT NULL,
	"cycle_id" bigint NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"applied_level" smallint NOT NULL,
	"self_scores" jsonb,
	"self_total" integer,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"self_note" text,
	"self_evaluated_at" timestamp with time zone,
	"community_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"level" smallint,
	"certified_level" smallint,
	"certified_score" integer,
	"certified_reason" text,
	"certified_at" timestamp with time zone,
	"certified_by_account_id" bigint,
	"measured" jsonb,
	"certificate_no" text,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "ratings_level_ck" CHECK ("ratings"."level" is null or "ratings"."level" between 3 and 5),
	CONSTRAINT "ratings_applied_level_ck" CHECK ("ratings"."applied_level" between 3 and 5)
);
--> statement-breakpoint
ALTER TABLE "rating_assessments" ADD CONSTRAINT "rating_assessments_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_assessments" ADD CONSTRAINT "rating_assessments_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_assessments" ADD CONSTRAINT "rating_assessments_assessed_by_account_id_accounts_id_fk" FOREIGN KEY ("assessed_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_cycles" ADD CONSTRAINT "rating_cycles_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_cycles" ADD CONSTRAINT "rating_cycles_rubric_id_rating_rubrics_id_fk" FOREIGN KEY ("rubric_id") REFERENCES "public"."rating_rubrics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_cycles" ADD CONSTRAINT "rating_cycles_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_events" ADD CONSTRAINT "rating_events_company_id_property_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."property_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_events" ADD CONSTRAINT "rating_events_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_events" ADD CONSTRAINT "rating_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_lowerings" ADD CONSTRAINT "rating_lowerings_company_id_property_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."property_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_lowerings" ADD CONSTRAINT "rating_lowerings_rating_id_ratings_id_fk" FOREIGN KEY ("rating_id") REFERENCES "public"."ratings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_lowerings" ADD CONSTRAINT "rating_lowerings_answered_by_account_id_accounts_id_fk" FOREIGN KEY ("answered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_lowerings" ADD CONSTRAINT "rating_lowerings_proposed_by_account_id_accounts_id_fk" FOREIGN KEY ("proposed_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_rubrics" ADD CONSTRAINT "rating_rubrics_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rating_rubrics" ADD CONSTRAINT "rating_rubrics_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_company_id_property_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."property_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_cycle_id_rating_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."rating_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_certified_by_account_id_accounts_id_fk" FOREIGN KEY ("certified_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ratings" ADD CONSTRAINT "ratings_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rating_assessments_uq" ON "rating_assessments" USING btree ("rating_id","community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_cycles_year_uq" ON "rating_cycles" USING btree ("city_id","year");--> statement-breakpoint
CREATE INDEX "rating_events_rating_idx" ON "rating_events" USING btree ("rating_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "rating_lowerings_open_uq" ON "rating_lowerings" USING btree ("rating_id") WHERE "rating_lowerings"."decision" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "rating_rubrics_version_uq" ON "rating_rubrics" USING btree ("city_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "ratings_cycle_company_uq" ON "ratings" USING btree ("cycle_id","company_id");--> statement-breakpoint
CREATE INDEX "ratings_company_idx" ON "ratings" USING btree ("company_id","cycle_id");--> statement-breakpoint
CREATE INDEX "ratings_city_state_idx" ON "ratings" USING btree ("city_id","state");