CREATE TABLE "instances" (
	"id" uuid PRIMARY KEY NOT NULL,
	"host" text NOT NULL,
	"pid" integer NOT NULL,
	"version" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"stopped_at" timestamp with time zone,
	"cpu_percent" real NOT NULL,
	"rss_bytes" bigint NOT NULL,
	"heap_bytes" bigint NOT NULL,
	"event_loop_p99_ms" real NOT NULL,
	"websockets" integer NOT NULL,
	"requests_per_minute" integer NOT NULL,
	"error_rate" real NOT NULL,
	"p50_ms" real,
	"p95_ms" real,
	"p99_ms" real
);
