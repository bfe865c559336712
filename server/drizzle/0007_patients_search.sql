DROP INDEX "patients_family_prefix_idx";--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "sort_name" text DEFAULT '' NOT NULL;--> statement-breakpoint
CREATE INDEX "patient_identifiers_value_idx" ON "patient_identifiers" USING btree ("value");--> statement-breakpoint
CREATE INDEX "patients_sort_name_idx" ON "patients" USING btree ("sort_name" collate "C","id");--> statement-breakpoint
CREATE INDEX "patients_created_idx" ON "patients" USING btree ("created_at","id");