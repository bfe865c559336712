CREATE TABLE "backups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"trigger" text NOT NULL,
	"destination" text NOT NULL,
	"key" text NOT NULL,
	"encrypted" boolean NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"size_bytes" bigint,
	"database_bytes" bigint,
	"file_count" integer,
	"files_copied" integer,
	"verified_at" timestamp with time zone,
	"verify_ms" integer,
	"error" text,
	"progress" jsonb,
	"row_counts" jsonb,
	"started_by" uuid,
	"pruned_at" timestamp with time zone
);
--> statement-breakpoint
CREATE UNIQUE INDEX "backups_one_running" ON "backups" USING btree ("status") WHERE "backups"."status" = 'running';--> statement-breakpoint
CREATE INDEX "backups_started_idx" ON "backups" USING btree ("started_at");