CREATE TABLE "alert_rules" (
	"key" text PRIMARY KEY NOT NULL,
	"enabled" boolean NOT NULL,
	"threshold" real NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule" text NOT NULL,
	"subject" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'firing' NOT NULL,
	"value" real,
	"threshold" real NOT NULL,
	"clear_streak" integer DEFAULT 0 NOT NULL,
	"fired_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolved_at" timestamp with time zone,
	"notified_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "monitoring_samples" (
	"resolution" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"instances_up" integer NOT NULL,
	"requests_per_minute" real NOT NULL,
	"error_rate" real NOT NULL,
	"p95_ms" real,
	"p99_ms" real,
	"cpu_percent" real NOT NULL,
	"rss_bytes" bigint NOT NULL,
	"event_loop_p99_ms" real NOT NULL,
	"websockets" real NOT NULL,
	"jobs_queued" real NOT NULL,
	"jobs_failed" real NOT NULL,
	"outbox_pending" real NOT NULL,
	"outbox_failed" real NOT NULL,
	"db_size_bytes" bigint,
	"disk_free_bytes" bigint,
	"disk_total_bytes" bigint,
	CONSTRAINT "monitoring_samples_resolution_at_pk" PRIMARY KEY("resolution","at")
);
--> statement-breakpoint
ALTER TABLE "instances" ADD COLUMN "routes" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_one_firing" ON "alerts" USING btree ("rule","subject") WHERE "alerts"."status" = 'firing';--> statement-breakpoint
CREATE INDEX "alerts_fired_at_idx" ON "alerts" USING btree ("fired_at");