CREATE TABLE "job_schedules" (
	"name" text PRIMARY KEY NOT NULL,
	"interval_ms" integer NOT NULL,
	"next_run_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_run_at" timestamp with time zone,
	"last_finished_at" timestamp with time zone,
	"last_outcome" text,
	"last_error" text,
	"locked_at" timestamp with time zone,
	"locked_by" text
);
--> statement-breakpoint
-- The reminder sweep was a chain of one-off jobs, one finished row a minute; it is a schedule now.
DELETE FROM "jobs" WHERE "kind" = 'appointments.send-reminders';
