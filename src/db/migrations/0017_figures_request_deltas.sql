CREATE TABLE "figures_request_deltas" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"sign" smallint NOT NULL,
	"request_id" bigint NOT NULL,
	"community_id" bigint NOT NULL,
	"city_id" bigint NOT NULL,
	"district_id" bigint NOT NULL,
	"street_id" bigint NOT NULL,
	"category_id" bigint NOT NULL,
	"assignee_company_id" bigint,
	"state" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"resolved_at" timestamp with time zone,
	"respond_due_at" timestamp with time zone NOT NULL,
	"respond_breached_at" timestamp with time zone,
	"resolve_breached_at" timestamp with time zone,
	"rating" smallint
);
