ALTER TABLE "services" ADD COLUMN "price_minor" integer;--> statement-breakpoint
CREATE INDEX "encounters_provider_started_idx" ON "encounters" USING btree ("provider_id","started_at");