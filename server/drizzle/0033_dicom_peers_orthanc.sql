CREATE TABLE "dicom_peers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"ae_title" text NOT NULL,
	"host" text NOT NULL,
	"port" integer NOT NULL,
	"verbs" text[] NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dimse_activity" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"direction" text NOT NULL,
	"peer_ae_title" text NOT NULL,
	"peer_host" text NOT NULL,
	"operation" text NOT NULL,
	"status" integer,
	"detail" text DEFAULT '' NOT NULL,
	"duration_ms" integer
);
--> statement-breakpoint
CREATE TABLE "orthanc_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"url" text NOT NULL,
	"username" text DEFAULT '' NOT NULL,
	"password" text,
	"follow_changes" boolean DEFAULT false NOT NULL,
	"last_change" bigint DEFAULT 0 NOT NULL,
	"last_sync_at" timestamp with time zone,
	"last_reconcile_at" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dicom_peers_ae_title_idx" ON "dicom_peers" USING btree ("ae_title");--> statement-breakpoint
CREATE INDEX "dimse_activity_at_idx" ON "dimse_activity" USING btree ("at");