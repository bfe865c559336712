CREATE TABLE "patient_name_words" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
DROP INDEX "patients_search_trgm_idx";--> statement-breakpoint
ALTER TABLE "patients" ADD COLUMN "name_words" text[] GENERATED ALWAYS AS (string_to_array(search_name, ' ')) STORED;--> statement-breakpoint
CREATE INDEX "patient_name_words_trgm_idx" ON "patient_name_words" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "patients_name_words_idx" ON "patients" USING gin ("name_words");--> statement-breakpoint
-- The dictionary follows the patients: every new word of an inserted or updated search name is added (one
-- statement-level insert per statement, so a bulk import pays once per batch, not once per row).
CREATE FUNCTION patient_name_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO patient_name_words (word)
    SELECT DISTINCT w FROM new_rows, unnest(new_rows.name_words) AS w WHERE w <> ''
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER patients_name_words_insert AFTER INSERT ON patients
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patient_name_words_add();--> statement-breakpoint
CREATE TRIGGER patients_name_words_update AFTER UPDATE ON patients
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION patient_name_words_add();--> statement-breakpoint
INSERT INTO patient_name_words (word)
  SELECT DISTINCT w FROM patients, unnest(patients.name_words) AS w WHERE w <> ''
  ON CONFLICT DO NOTHING;
