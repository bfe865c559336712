CREATE TABLE "imaging_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sop_instance_uid" text NOT NULL,
	"study_uid" text NOT NULL,
	"series_uid" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"source" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "imaging_instances" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"sop_instance_uid" text NOT NULL,
	"sop_class_uid" text NOT NULL,
	"instance_number" integer,
	"rows" integer,
	"columns" integer,
	"number_of_frames" integer,
	"transfer_syntax_uid" text NOT NULL,
	"sha256" text NOT NULL,
	"size" bigint NOT NULL,
	"dataset_offset" integer NOT NULL,
	"metadata" text NOT NULL,
	"frames" jsonb NOT NULL,
	"bulk" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"original_sha256" text,
	"source" text NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imaging_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_id" uuid NOT NULL,
	"series_uid" text NOT NULL,
	"modality" text DEFAULT '' NOT NULL,
	"series_number" integer,
	"series_description" text DEFAULT '' NOT NULL,
	"series_date" text DEFAULT '' NOT NULL,
	"body_part_examined" text DEFAULT '' NOT NULL,
	"attributes" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "imaging_studies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"study_uid" text NOT NULL,
	"patient_id" uuid,
	"link" text NOT NULL,
	"dicom_patient_id" text DEFAULT '' NOT NULL,
	"patient_name" text DEFAULT '' NOT NULL,
	"patient_name_search" text DEFAULT '' NOT NULL,
	"patient_birth_date" text DEFAULT '' NOT NULL,
	"patient_sex" text DEFAULT '' NOT NULL,
	"other_patient_ids" text DEFAULT '' NOT NULL,
	"study_date" text DEFAULT '' NOT NULL,
	"study_time" text DEFAULT '' NOT NULL,
	"study_id" text DEFAULT '' NOT NULL,
	"accession_number" text DEFAULT '' NOT NULL,
	"study_description" text DEFAULT '' NOT NULL,
	"referring_physician_name" text DEFAULT '' NOT NULL,
	"referring_physician_search" text DEFAULT '' NOT NULL,
	"institution_name" text DEFAULT '' NOT NULL,
	"attributes" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "imaging_conflicts" ADD CONSTRAINT "imaging_conflicts_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_conflicts" ADD CONSTRAINT "imaging_conflicts_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_instances" ADD CONSTRAINT "imaging_instances_study_id_imaging_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."imaging_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_instances" ADD CONSTRAINT "imaging_instances_series_id_imaging_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."imaging_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_instances" ADD CONSTRAINT "imaging_instances_sha256_blobs_sha256_fk" FOREIGN KEY ("sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_instances" ADD CONSTRAINT "imaging_instances_original_sha256_blobs_sha256_fk" FOREIGN KEY ("original_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_series" ADD CONSTRAINT "imaging_series_study_id_imaging_studies_id_fk" FOREIGN KEY ("study_id") REFERENCES "public"."imaging_studies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "imaging_studies" ADD CONSTRAINT "imaging_studies_patient_id_patients_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."patients"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "imaging_conflicts_content_idx" ON "imaging_conflicts" USING btree ("sop_instance_uid","sha256");--> statement-breakpoint
CREATE INDEX "imaging_conflicts_open_idx" ON "imaging_conflicts" USING btree ("received_at") WHERE "imaging_conflicts"."resolved_at" is null;--> statement-breakpoint
CREATE UNIQUE INDEX "imaging_instances_uid_idx" ON "imaging_instances" USING btree ("sop_instance_uid");--> statement-breakpoint
CREATE INDEX "imaging_instances_series_idx" ON "imaging_instances" USING btree ("series_id","instance_number");--> statement-breakpoint
CREATE INDEX "imaging_instances_study_idx" ON "imaging_instances" USING btree ("study_id");--> statement-breakpoint
CREATE INDEX "imaging_instances_sha_idx" ON "imaging_instances" USING btree ("sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "imaging_series_uid_idx" ON "imaging_series" USING btree ("series_uid");--> statement-breakpoint
CREATE INDEX "imaging_series_study_idx" ON "imaging_series" USING btree ("study_id","series_number");--> statement-breakpoint
CREATE INDEX "imaging_series_modality_idx" ON "imaging_series" USING btree ("modality","study_id");--> statement-breakpoint
CREATE UNIQUE INDEX "imaging_studies_uid_idx" ON "imaging_studies" USING btree ("study_uid");--> statement-breakpoint
CREATE INDEX "imaging_studies_patient_idx" ON "imaging_studies" USING btree ("patient_id");--> statement-breakpoint
CREATE INDEX "imaging_studies_date_idx" ON "imaging_studies" USING btree ("study_date" collate "C","study_time");--> statement-breakpoint
CREATE INDEX "imaging_studies_dicom_patient_idx" ON "imaging_studies" USING btree ("dicom_patient_id");--> statement-breakpoint
CREATE INDEX "imaging_studies_accession_idx" ON "imaging_studies" USING btree ("accession_number");--> statement-breakpoint
CREATE INDEX "imaging_studies_name_idx" ON "imaging_studies" USING btree ("patient_name_search" collate "C");--> statement-breakpoint
CREATE INDEX "imaging_studies_name_trgm_idx" ON "imaging_studies" USING gin ("patient_name_search" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "imaging_studies_updated_idx" ON "imaging_studies" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "imaging_studies_unmatched_idx" ON "imaging_studies" USING btree ("created_at") WHERE "imaging_studies"."link" = 'unmatched';