ALTER TABLE "idempotency_keys" ALTER COLUMN "account_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD COLUMN "api_key_id" bigint;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "reporter_email" text;--> statement-breakpoint
ALTER TABLE "service_requests" ADD COLUMN "api_key_id" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "idempotency_keys_api_key_key_uq" ON "idempotency_keys" USING btree ("api_key_id","key");--> statement-breakpoint
CREATE INDEX "service_requests_assignee_account_idx" ON "service_requests" USING btree ("assignee_account_id","state");--> statement-breakpoint
CREATE INDEX "service_requests_household_idx" ON "service_requests" USING btree ("household_id","created_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "service_requests_resolved_idx" ON "service_requests" USING btree ("resolved_at") WHERE state = 'resolved';