-- The rows the optional demo-clinic loader created, so that they can be removed in one action. resource_id is
-- text because departments are keyed by text; every other id is a uuid written as text.
CREATE TABLE "sample_records" (
	"resource_type" text NOT NULL,
	"resource_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sample_records_pkey" PRIMARY KEY("resource_type","resource_id")
);
--> statement-breakpoint
CREATE FUNCTION is_sample_patient(patient uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (SELECT 1 FROM sample_records WHERE resource_type = 'patient' AND resource_id = patient::text);
$$;
--> statement-breakpoint
-- Signed notes, their diagnoses and addenda, and the odontogram stay locked for every real patient. The one
-- exception is removing the sample data: rows of a recorded sample patient may then be deleted.
CREATE OR REPLACE FUNCTION encounters_refuse_signed_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'signed' AND NOT is_sample_patient(OLD.patient_id) THEN
      RAISE EXCEPTION 'encounter % is signed and cannot be deleted', OLD.id USING ERRCODE = 'CB001';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'signed' AND (
       NEW.status IS DISTINCT FROM OLD.status
    OR NEW.type IS DISTINCT FROM OLD.type
    OR NEW.provider_id IS DISTINCT FROM OLD.provider_id
    OR NEW.started_at IS DISTINCT FROM OLD.started_at
    OR NEW.chief_complaint IS DISTINCT FROM OLD.chief_complaint
    OR NEW.subjective IS DISTINCT FROM OLD.subjective
    OR NEW.objective IS DISTINCT FROM OLD.objective
    OR NEW.assessment IS DISTINCT FROM OLD.assessment
    OR NEW.plan IS DISTINCT FROM OLD.plan
    OR NEW.signed_by IS DISTINCT FROM OLD.signed_by
    OR NEW.signed_at IS DISTINCT FROM OLD.signed_at
  ) THEN
    RAISE EXCEPTION 'encounter % is signed: its note is never edited in place (write an addendum)', OLD.id
      USING ERRCODE = 'CB001';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION encounter_children_refuse_when_signed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent uuid;
BEGIN
  parent := CASE WHEN TG_OP = 'DELETE' THEN OLD.encounter_id ELSE NEW.encounter_id END;
  IF TG_OP = 'DELETE' AND EXISTS (
       SELECT 1 FROM encounters WHERE id = parent AND is_sample_patient(patient_id)
     ) THEN
    RETURN OLD;
  END IF;
  IF EXISTS (SELECT 1 FROM encounters WHERE id = parent AND status = 'signed')
     OR (TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM encounters WHERE id = OLD.encounter_id AND status = 'signed')) THEN
    RAISE EXCEPTION '% of signed encounter % cannot change (write an addendum)', TG_TABLE_NAME, parent
      USING ERRCODE = 'CB001';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
DROP TRIGGER encounter_addenda_append_only ON encounter_addenda;
--> statement-breakpoint
CREATE TRIGGER encounter_addenda_append_only BEFORE UPDATE OR TRUNCATE ON encounter_addenda
  FOR EACH STATEMENT EXECUTE FUNCTION encounter_addenda_refuse_change();
--> statement-breakpoint
CREATE FUNCTION encounter_addenda_refuse_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM encounters WHERE id = OLD.encounter_id AND is_sample_patient(patient_id)) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'encounter_addenda is append-only' USING ERRCODE = 'CB001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER encounter_addenda_no_delete BEFORE DELETE ON encounter_addenda
  FOR EACH ROW EXECUTE FUNCTION encounter_addenda_refuse_delete();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION dental_chart_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (to_jsonb(NEW) - 'patient_id') = (to_jsonb(OLD) - 'patient_id') THEN
      RETURN NEW;
    END IF;
  END IF;
  IF TG_OP = 'DELETE' AND is_sample_patient(OLD.patient_id) THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'dental_chart_entries is append-only (only a patient merge may move its rows)';
END;
$$;
