DROP INDEX "patients_search_prefix_idx";--> statement-breakpoint
CREATE INDEX "patients_search_prefix_idx" ON "patients" USING btree ("search_name" collate "C","id");