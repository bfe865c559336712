CREATE TABLE "audit_chain_head" (
	"id" smallint PRIMARY KEY NOT NULL,
	"prev_hash" text NOT NULL,
	"hash" text NOT NULL
);
--> statement-breakpoint
INSERT INTO "audit_chain_head" ("id", "prev_hash", "hash")
SELECT 1,
       coalesce((SELECT "prev_hash" FROM "audit_events" ORDER BY "id" DESC LIMIT 1), repeat('0', 64)),
       coalesce((SELECT "hash" FROM "audit_events" ORDER BY "id" DESC LIMIT 1), repeat('0', 64));
