CREATE TABLE "deliberation_agenda_items" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_agenda_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"topic_id" bigint NOT NULL,
	"position" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberation_attendees" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_attendees_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"name" text NOT NULL,
	"side" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberation_decision_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_decision_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"decision_id" bigint NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_account_id" bigint,
	"actor_role" text,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"note" text,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberation_decision_requests" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_decision_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"decision_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"request_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberation_decisions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"meeting_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"compound_id" bigint,
	"meeting_type" text NOT NULL,
	"title" text NOT NULL,
	"detail" text DEFAULT '' NOT NULL,
	"owner_name" text NOT NULL,
	"owner_party" text NOT NULL,
	"due_date" date NOT NULL,
	"state" text DEFAULT 'open' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"done_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberation_meetings" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"city_id" bigint NOT NULL,
	"compound_id" bigint,
	"type" text NOT NULL,
	"title" text NOT NULL,
	"location" text NOT NULL,
	"scheduled_at" timestamp with time zone NOT NULL,
	"invited_parties" text[] DEFAULT '{}' NOT NULL,
	"invited_others" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'scheduled' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"minutes" text,
	"held_at" timestamp with time zone,
	"attendance" integer DEFAULT 0 NOT NULL,
	"created_by_account_id" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "deliberation_meetings_attendance_check" CHECK ("deliberation_meetings"."attendance" >= 0)
);
--> statement-breakpoint
CREATE TABLE "deliberation_opinion_versions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_opinion_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"opinion_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"version" integer NOT NULL,
	"action" text NOT NULL,
	"stance" text NOT NULL,
	"body" text NOT NULL,
	"reason" text,
	"by_account_id" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberation_opinions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_opinions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"topic_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"author_name" text NOT NULL,
	"stance" text NOT NULL,
	"body" text NOT NULL,
	"moderation" text DEFAULT 'visible' NOT NULL,
	"moderation_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deliberation_topics" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deliberation_topics_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"city_id" bigint NOT NULL,
	"compound_id" bigint,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"raised_by" text NOT NULL,
	"raised_by_account_id" bigint NOT NULL,
	"opinions_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "parking_spaces" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "parking_spaces_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"compound_id" bigint NOT NULL,
	"number" text NOT NULL,
	"area_hundredths" bigint NOT NULL,
	"area_source" text DEFAULT 'register' NOT NULL,
	"owner_person_id" bigint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_ballots" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vote_ballots_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vote_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"voter_id" bigint NOT NULL,
	"receipt" text NOT NULL,
	"answers" jsonb NOT NULL,
	"entered_by" text NOT NULL,
	"cast_by_person_id" bigint,
	"entered_by_account_id" bigint,
	"photo_key" text,
	"photo_sha256" text,
	"photo_mime_type" text,
	"chain_seq" integer NOT NULL,
	"chain_hash" text NOT NULL,
	"cast_at" timestamp with time zone NOT NULL,
	CONSTRAINT "vote_ballots_paper_check" CHECK ("vote_ballots"."entered_by" = 'owner' or ("vote_ballots"."entered_by_account_id" is not null and "vote_ballots"."photo_key" is not null))
);
--> statement-breakpoint
CREATE TABLE "vote_matters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vote_matters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vote_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"class" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_results" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vote_results_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vote_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"matter_id" bigint NOT NULL,
	"participation_area_hundredths" bigint NOT NULL,
	"participation_heads" integer NOT NULL,
	"agree_area_hundredths" bigint NOT NULL,
	"agree_heads" integer NOT NULL,
	"quorum" boolean NOT NULL,
	"passed" boolean NOT NULL,
	"decided_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_voter_people" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vote_voter_people_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vote_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"person_id" bigint NOT NULL,
	"voter_id" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_voter_units" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vote_voter_units_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vote_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"voter_id" bigint NOT NULL,
	"household_id" bigint,
	"parking_space_id" bigint,
	"building_id" bigint,
	"label" text NOT NULL,
	"building_name" text NOT NULL,
	"area_hundredths" bigint NOT NULL,
	"area_source" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vote_voters" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "vote_voters_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"vote_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"voter_key" text NOT NULL,
	"holder" text NOT NULL,
	"person_id" bigint,
	"heads" integer NOT NULL,
	"area_hundredths" bigint NOT NULL,
	CONSTRAINT "vote_voters_area_check" CHECK ("vote_voters"."area_hundredths" >= 0 and "vote_voters"."heads" >= 0)
);
--> statement-breakpoint
CREATE TABLE "votes" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "votes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"community_id" bigint NOT NULL,
	"city_id" bigint NOT NULL,
	"compound_id" bigint NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"count_parking" boolean DEFAULT false NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"voter_key_secret" text NOT NULL,
	"created_by_account_id" bigint NOT NULL,
	"opened_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"retain_until" date,
	"total_area_hundredths" bigint,
	"total_heads" integer,
	"result_head" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliberation_agenda_items" ADD CONSTRAINT "deliberation_agenda_items_meeting_id_deliberation_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."deliberation_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_agenda_items" ADD CONSTRAINT "deliberation_agenda_items_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_agenda_items" ADD CONSTRAINT "deliberation_agenda_items_topic_id_deliberation_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."deliberation_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_attendees" ADD CONSTRAINT "deliberation_attendees_meeting_id_deliberation_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."deliberation_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_attendees" ADD CONSTRAINT "deliberation_attendees_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_decision_events" ADD CONSTRAINT "deliberation_decision_events_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_decision_events" ADD CONSTRAINT "deliberation_decision_events_decision_id_deliberation_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."deliberation_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_decision_events" ADD CONSTRAINT "deliberation_decision_events_actor_account_id_accounts_id_fk" FOREIGN KEY ("actor_account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_decision_requests" ADD CONSTRAINT "deliberation_decision_requests_decision_id_deliberation_decisions_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."deliberation_decisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_decision_requests" ADD CONSTRAINT "deliberation_decision_requests_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_decisions" ADD CONSTRAINT "deliberation_decisions_meeting_id_deliberation_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."deliberation_meetings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_decisions" ADD CONSTRAINT "deliberation_decisions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_decisions" ADD CONSTRAINT "deliberation_decisions_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_meetings" ADD CONSTRAINT "deliberation_meetings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_meetings" ADD CONSTRAINT "deliberation_meetings_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_meetings" ADD CONSTRAINT "deliberation_meetings_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_opinion_versions" ADD CONSTRAINT "deliberation_opinion_versions_opinion_id_deliberation_opinions_id_fk" FOREIGN KEY ("opinion_id") REFERENCES "public"."deliberation_opinions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_opinion_versions" ADD CONSTRAINT "deliberation_opinion_versions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_opinions" ADD CONSTRAINT "deliberation_opinions_topic_id_deliberation_topics_id_fk" FOREIGN KEY ("topic_id") REFERENCES "public"."deliberation_topics"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_opinions" ADD CONSTRAINT "deliberation_opinions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_topics" ADD CONSTRAINT "deliberation_topics_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_topics" ADD CONSTRAINT "deliberation_topics_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliberation_topics" ADD CONSTRAINT "deliberation_topics_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parking_spaces" ADD CONSTRAINT "parking_spaces_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parking_spaces" ADD CONSTRAINT "parking_spaces_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballots" ADD CONSTRAINT "vote_ballots_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballots" ADD CONSTRAINT "vote_ballots_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_ballots" ADD CONSTRAINT "vote_ballots_voter_id_vote_voters_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."vote_voters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_matters" ADD CONSTRAINT "vote_matters_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_matters" ADD CONSTRAINT "vote_matters_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_results" ADD CONSTRAINT "vote_results_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_results" ADD CONSTRAINT "vote_results_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_results" ADD CONSTRAINT "vote_results_matter_id_vote_matters_id_fk" FOREIGN KEY ("matter_id") REFERENCES "public"."vote_matters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voter_people" ADD CONSTRAINT "vote_voter_people_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voter_people" ADD CONSTRAINT "vote_voter_people_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voter_people" ADD CONSTRAINT "vote_voter_people_voter_id_vote_voters_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."vote_voters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voter_units" ADD CONSTRAINT "vote_voter_units_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voter_units" ADD CONSTRAINT "vote_voter_units_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voter_units" ADD CONSTRAINT "vote_voter_units_voter_id_vote_voters_id_fk" FOREIGN KEY ("voter_id") REFERENCES "public"."vote_voters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voter_units" ADD CONSTRAINT "vote_voter_units_building_id_buildings_id_fk" FOREIGN KEY ("building_id") REFERENCES "public"."buildings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voters" ADD CONSTRAINT "vote_voters_vote_id_votes_id_fk" FOREIGN KEY ("vote_id") REFERENCES "public"."votes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "vote_voters" ADD CONSTRAINT "vote_voters_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "votes" ADD CONSTRAINT "votes_compound_id_compounds_id_fk" FOREIGN KEY ("compound_id") REFERENCES "public"."compounds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliberation_agenda_uq" ON "deliberation_agenda_items" USING btree ("meeting_id","topic_id");--> statement-breakpoint
CREATE INDEX "deliberation_attendees_meeting_idx" ON "deliberation_attendees" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "deliberation_decision_events_subject_idx" ON "deliberation_decision_events" USING btree ("decision_id","at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliberation_decision_requests_uq" ON "deliberation_decision_requests" USING btree ("decision_id","request_id");--> statement-breakpoint
CREATE INDEX "deliberation_decisions_meeting_idx" ON "deliberation_decisions" USING btree ("meeting_id");--> statement-breakpoint
CREATE INDEX "deliberation_decisions_state_idx" ON "deliberation_decisions" USING btree ("state");--> statement-breakpoint
CREATE INDEX "deliberation_meetings_community_idx" ON "deliberation_meetings" USING btree ("community_id","scheduled_at");--> statement-breakpoint
CREATE INDEX "deliberation_opinion_versions_opinion_idx" ON "deliberation_opinion_versions" USING btree ("opinion_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliberation_opinions_person_uq" ON "deliberation_opinions" USING btree ("topic_id","person_id");--> statement-breakpoint
CREATE INDEX "deliberation_opinions_community_idx" ON "deliberation_opinions" USING btree ("community_id");--> statement-breakpoint
CREATE INDEX "deliberation_topics_community_idx" ON "deliberation_topics" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "parking_spaces_number_uq" ON "parking_spaces" USING btree ("compound_id","number");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_ballots_voter_uq" ON "vote_ballots" USING btree ("vote_id","voter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_ballots_receipt_uq" ON "vote_ballots" USING btree ("receipt");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_matters_position_uq" ON "vote_matters" USING btree ("vote_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_results_matter_uq" ON "vote_results" USING btree ("matter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_voter_people_uq" ON "vote_voter_people" USING btree ("vote_id","person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_voter_units_household_uq" ON "vote_voter_units" USING btree ("vote_id","household_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_voter_units_parking_uq" ON "vote_voter_units" USING btree ("vote_id","parking_space_id");--> statement-breakpoint
CREATE INDEX "vote_voter_units_voter_idx" ON "vote_voter_units" USING btree ("voter_id");--> statement-breakpoint
CREATE UNIQUE INDEX "vote_voters_key_uq" ON "vote_voters" USING btree ("vote_id","voter_key");--> statement-breakpoint
CREATE INDEX "votes_community_idx" ON "votes" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "votes_compound_idx" ON "votes" USING btree ("compound_id");