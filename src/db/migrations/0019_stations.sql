CREATE TABLE "station_alert_notices" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_alert_notices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"alert_key" text NOT NULL,
	"kind" text NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "station_checkouts" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_checkouts_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"quantity" integer NOT NULL,
	"returned_quantity" integer DEFAULT 0 NOT NULL,
	"lost_quantity" integer DEFAULT 0 NOT NULL,
	"state" text NOT NULL,
	"purpose" text NOT NULL,
	"reason" text,
	"incident_id" bigint,
	"drill_id" bigint,
	"borrower_name" text,
	"borrower_phone" text,
	"checked_out_by_account_id" bigint,
	"checked_out_by_name" text NOT NULL,
	"checked_out_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"return_note" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "station_checkouts_quantity_positive" CHECK ("station_checkouts"."quantity" > 0),
	CONSTRAINT "station_checkouts_settled_within" CHECK ("station_checkouts"."returned_quantity" >= 0 and "station_checkouts"."lost_quantity" >= 0 and "station_checkouts"."returned_quantity" + "station_checkouts"."lost_quantity" <= "station_checkouts"."quantity"),
	CONSTRAINT "station_checkouts_due_for_equipment" CHECK ("station_checkouts"."state" = 'consumed' or "station_checkouts"."due_at" is not null)
);
--> statement-breakpoint
CREATE TABLE "station_coverage" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_coverage_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"compound_id" bigint,
	"address" text,
	"contact_name" text,
	"contact_phone" text,
	"headcount" integer,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_coverage_headcount_nonnegative" CHECK ("station_coverage"."headcount" is null or "station_coverage"."headcount" >= 0)
);
--> statement-breakpoint
CREATE TABLE "station_drill_attendance" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_drill_attendance_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"drill_id" bigint NOT NULL,
	"team_member_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_drills" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_drills_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"location" text,
	"trainer" text,
	"practised" text[] DEFAULT '{}' NOT NULL,
	"notes" text,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_drills_duration_range" CHECK ("station_drills"."duration_minutes" between 1 and 1440)
);
--> statement-breakpoint
CREATE TABLE "station_incident_responders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_incident_responders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"incident_id" bigint NOT NULL,
	"team_member_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_incidents" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_incidents_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"occurred_at" timestamp with time zone NOT NULL,
	"location_text" text,
	"coverage_id" bigint,
	"request_id" bigint,
	"state" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"closed_at" timestamp with time zone,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_incidents_closed_with_time" CHECK (("station_incidents"."state" = 'closed') = ("station_incidents"."closed_at" is not null))
);
--> statement-breakpoint
CREATE TABLE "station_item_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_item_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"item_id" bigint NOT NULL,
	"kind" text NOT NULL,
	"delta" integer NOT NULL,
	"quantity_after" integer NOT NULL,
	"checkout_id" bigint,
	"account_id" bigint,
	"actor_name" text,
	"note" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"section" text NOT NULL,
	"category" text NOT NULL,
	"name" text NOT NULL,
	"unit" text NOT NULL,
	"quantity" integer DEFAULT 0 NOT NULL,
	"standard_quantity" integer DEFAULT 0 NOT NULL,
	"consumable" boolean DEFAULT false NOT NULL,
	"location" text,
	"expires_on" date,
	"inspect_every_days" integer,
	"last_inspected_on" date,
	"next_inspection_on" date,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "station_items_quantity_nonnegative" CHECK ("station_items"."quantity" >= 0),
	CONSTRAINT "station_items_standard_nonnegative" CHECK ("station_items"."standard_quantity" >= 0),
	CONSTRAINT "station_items_inspect_every_positive" CHECK ("station_items"."inspect_every_days" is null or "station_items"."inspect_every_days" > 0)
);
--> statement-breakpoint
CREATE TABLE "station_key_holders" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_key_holders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"side" text NOT NULL,
	"organisation" text NOT NULL,
	"key_label" text NOT NULL,
	"account_id" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "station_roll_call_answers" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_roll_call_answers_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"roll_call_id" bigint NOT NULL,
	"key_holder_id" bigint NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_account_id" bigint,
	"on_behalf" boolean DEFAULT false NOT NULL,
	"note" text,
	CONSTRAINT "station_roll_call_answers_complete" CHECK (("station_roll_call_answers"."answer" is null) = ("station_roll_call_answers"."answered_at" is null))
);
--> statement-breakpoint
CREATE TABLE "station_roll_calls" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_roll_calls_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"started_by_account_id" bigint,
	"started_by_name" text,
	"note" text,
	CONSTRAINT "station_roll_calls_due_after_start" CHECK ("station_roll_calls"."due_at" > "station_roll_calls"."started_at")
);
--> statement-breakpoint
CREATE TABLE "station_team_members" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "station_team_members_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"station_id" bigint NOT NULL,
	"name" text NOT NULL,
	"phone" text NOT NULL,
	"team_role" text DEFAULT 'member' NOT NULL,
	"side" text NOT NULL,
	"skills" text[] DEFAULT '{}' NOT NULL,
	"account_id" bigint,
	"active" boolean DEFAULT true NOT NULL,
	"joined_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stations" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "stations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"city_id" bigint NOT NULL,
	"district_id" bigint NOT NULL,
	"street_id" bigint NOT NULL,
	"company_id" bigint,
	"name" text NOT NULL,
	"address" text NOT NULL,
	"location_note" text,
	"always_open" boolean DEFAULT true NOT NULL,
	"opens_at" text,
	"closes_at" text,
	"duty_phone" text,
	"roll_call_every_days" integer DEFAULT 30 NOT NULL,
	"roll_call_answer_hours" integer DEFAULT 48 NOT NULL,
	"drill_every_days" integer DEFAULT 90 NOT NULL,
	"created_by_account_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "stations_roll_call_every_days_range" CHECK ("stations"."roll_call_every_days" between 1 and 366),
	CONSTRAINT "stations_roll_call_answer_hours_range" CHECK ("stations"."roll_call_answer_hours" between 1 and 720),
	CONSTRAINT "stations_drill_every_days_range" CHECK ("stations"."drill_every_days" between 1 and 730),
	CONSTRAINT "stations_hours_given" CHECK ("stations"."always_open" or ("stations"."opens_at" is not null and "stations"."closes_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "station_alert_notices" ADD CONSTRAINT "station_alert_notices_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_alert_notices" ADD CONSTRAINT "station_alert_notices_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_checkouts" ADD CONSTRAINT "station_checkouts_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_checkouts" ADD CONSTRAINT "station_checkouts_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_checkouts" ADD CONSTRAINT "station_checkouts_item_id_station_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."station_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_checkouts" ADD CONSTRAINT "station_checkouts_checked_out_by_account_id_accounts_id_fk" FOREIGN KEY ("checked_out_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_coverage" ADD CONSTRAINT "station_coverage_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_coverage" ADD CONSTRAINT "station_coverage_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_coverage" ADD CONSTRAINT "station_coverage_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_drill_attendance" ADD CONSTRAINT "station_drill_attendance_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_drill_attendance" ADD CONSTRAINT "station_drill_attendance_drill_id_station_drills_id_fk" FOREIGN KEY ("drill_id") REFERENCES "public"."station_drills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_drill_attendance" ADD CONSTRAINT "station_drill_attendance_team_member_id_station_team_members_id_fk" FOREIGN KEY ("team_member_id") REFERENCES "public"."station_team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_drills" ADD CONSTRAINT "station_drills_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_drills" ADD CONSTRAINT "station_drills_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_drills" ADD CONSTRAINT "station_drills_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_incident_responders" ADD CONSTRAINT "station_incident_responders_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_incident_responders" ADD CONSTRAINT "station_incident_responders_incident_id_station_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."station_incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_incident_responders" ADD CONSTRAINT "station_incident_responders_team_member_id_station_team_members_id_fk" FOREIGN KEY ("team_member_id") REFERENCES "public"."station_team_members"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_incidents" ADD CONSTRAINT "station_incidents_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_incidents" ADD CONSTRAINT "station_incidents_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_incidents" ADD CONSTRAINT "station_incidents_coverage_id_station_coverage_id_fk" FOREIGN KEY ("coverage_id") REFERENCES "public"."station_coverage"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_incidents" ADD CONSTRAINT "station_incidents_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_item_events" ADD CONSTRAINT "station_item_events_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_item_events" ADD CONSTRAINT "station_item_events_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_item_events" ADD CONSTRAINT "station_item_events_item_id_station_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."station_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_item_events" ADD CONSTRAINT "station_item_events_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_items" ADD CONSTRAINT "station_items_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_items" ADD CONSTRAINT "station_items_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_key_holders" ADD CONSTRAINT "station_key_holders_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_key_holders" ADD CONSTRAINT "station_key_holders_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_key_holders" ADD CONSTRAINT "station_key_holders_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_roll_call_answers" ADD CONSTRAINT "station_roll_call_answers_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_roll_call_answers" ADD CONSTRAINT "station_roll_call_answers_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_roll_call_answers" ADD CONSTRAINT "station_roll_call_answers_roll_call_id_station_roll_calls_id_fk" FOREIGN KEY ("roll_call_id") REFERENCES "public"."station_roll_calls"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_roll_call_answers" ADD CONSTRAINT "station_roll_call_answers_key_holder_id_station_key_holders_id_fk" FOREIGN KEY ("key_holder_id") REFERENCES "public"."station_key_holders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_roll_call_answers" ADD CONSTRAINT "station_roll_call_answers_answered_by_account_id_accounts_id_fk" FOREIGN KEY ("answered_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_roll_calls" ADD CONSTRAINT "station_roll_calls_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_roll_calls" ADD CONSTRAINT "station_roll_calls_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_roll_calls" ADD CONSTRAINT "station_roll_calls_started_by_account_id_accounts_id_fk" FOREIGN KEY ("started_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_team_members" ADD CONSTRAINT "station_team_members_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_team_members" ADD CONSTRAINT "station_team_members_station_id_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "station_team_members" ADD CONSTRAINT "station_team_members_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_company_id_property_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."property_companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stations" ADD CONSTRAINT "stations_created_by_account_id_accounts_id_fk" FOREIGN KEY ("created_by_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "station_alert_notices_open_uq" ON "station_alert_notices" USING btree ("station_id","alert_key") WHERE "station_alert_notices"."resolved_at" is null;--> statement-breakpoint
CREATE INDEX "station_checkouts_station_idx" ON "station_checkouts" USING btree ("station_id","checked_out_at");--> statement-breakpoint
CREATE INDEX "station_checkouts_open_idx" ON "station_checkouts" USING btree ("station_id","due_at") WHERE "station_checkouts"."state" = 'out';--> statement-breakpoint
CREATE INDEX "station_checkouts_incident_idx" ON "station_checkouts" USING btree ("incident_id");--> statement-breakpoint
CREATE UNIQUE INDEX "station_coverage_station_kind_name_uq" ON "station_coverage" USING btree ("station_id","kind","name");--> statement-breakpoint
CREATE INDEX "station_coverage_community_idx" ON "station_coverage" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "station_drill_attendance_uq" ON "station_drill_attendance" USING btree ("drill_id","team_member_id");--> statement-breakpoint
CREATE INDEX "station_drills_station_idx" ON "station_drills" USING btree ("station_id","held_at");--> statement-breakpoint
CREATE UNIQUE INDEX "station_incident_responders_uq" ON "station_incident_responders" USING btree ("incident_id","team_member_id");--> statement-breakpoint
CREATE INDEX "station_incidents_station_idx" ON "station_incidents" USING btree ("station_id","occurred_at");--> statement-breakpoint
CREATE INDEX "station_incidents_request_idx" ON "station_incidents" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "station_item_events_item_idx" ON "station_item_events" USING btree ("item_id","at");--> statement-breakpoint
CREATE INDEX "station_item_events_station_idx" ON "station_item_events" USING btree ("station_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "station_items_station_name_uq" ON "station_items" USING btree ("station_id","name");--> statement-breakpoint
CREATE INDEX "station_items_community_idx" ON "station_items" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "station_key_holders_uq" ON "station_key_holders" USING btree ("station_id","name","key_label");--> statement-breakpoint
CREATE INDEX "station_key_holders_account_idx" ON "station_key_holders" USING btree ("account_id");--> statement-breakpoint
CREATE INDEX "station_key_holders_community_idx" ON "station_key_holders" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "station_roll_call_answers_uq" ON "station_roll_call_answers" USING btree ("roll_call_id","key_holder_id");--> statement-breakpoint
CREATE INDEX "station_roll_call_answers_holder_idx" ON "station_roll_call_answers" USING btree ("key_holder_id");--> statement-breakpoint
CREATE INDEX "station_roll_calls_station_idx" ON "station_roll_calls" USING btree ("station_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "station_team_members_station_name_uq" ON "station_team_members" USING btree ("station_id","name");--> statement-breakpoint
CREATE INDEX "station_team_members_community_idx" ON "station_team_members" USING btree ("community_id");--> statement-breakpoint
CREATE UNIQUE INDEX "stations_community_name_uq" ON "stations" USING btree ("community_id","name");--> statement-breakpoint
CREATE INDEX "stations_city_idx" ON "stations" USING btree ("city_id");--> statement-breakpoint
CREATE INDEX "stations_company_idx" ON "stations" USING btree ("company_id");