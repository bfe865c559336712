ALTER TABLE "audit_events" ADD COLUMN "chain" smallint DEFAULT 1 NOT NULL;
--> statement-breakpoint
-- Existing events form chain 1 (their head is row 1); chains 2 to 16 start empty.
INSERT INTO "audit_chain_head" ("id", "prev_hash", "hash")
SELECT n, repeat('0', 64), repeat('0', 64) FROM generate_series(2, 16) AS n
ON CONFLICT ("id") DO NOTHING;
