-- Timelines, money, votes and disclosures are append-only: the database itself refuses to
-- change or remove a written row, whatever the application code does.
CREATE OR REPLACE FUNCTION gongzhi_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'table % is append-only', TG_TABLE_NAME USING ERRCODE = 'P0001';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER request_events_append_only BEFORE UPDATE OR DELETE ON request_events
  FOR EACH ROW EXECUTE FUNCTION gongzhi_refuse_change();
--> statement-breakpoint
CREATE TRIGGER joint_consultations_append_only BEFORE UPDATE OR DELETE ON joint_consultations
  FOR EACH ROW EXECUTE FUNCTION gongzhi_refuse_change();
