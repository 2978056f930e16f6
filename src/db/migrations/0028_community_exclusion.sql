-- No two live bookings of one room overlap, even when made at the same instant: the database
-- decides. GiST has no equality operator class for bigint without btree_gist (which PGlite does
-- not load by default), so "same venue" is the overlap of the degenerate range [venue_id, venue_id].
ALTER TABLE "venue_bookings" ADD CONSTRAINT "venue_bookings_no_overlap" EXCLUDE USING gist (
  int8range("venue_id", "venue_id", '[]') WITH &&,
  tstzrange("starts_at", "ends_at", '[)') WITH &&
) WHERE ("state" IN ('pending', 'confirmed', 'checked_in'));
