-- A signed encounter is never edited in place: the database itself refuses changes to its note (SQLSTATE CB001),
-- to the diagnoses and procedures under it, and to addenda (append-only). Only patient_id may still change,
-- so that merging two patient records can move the chart to the survivor.
CREATE FUNCTION encounters_refuse_signed_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'signed' THEN
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
CREATE TRIGGER encounters_signed_lock BEFORE UPDATE OR DELETE ON encounters
  FOR EACH ROW EXECUTE FUNCTION encounters_refuse_signed_change();
--> statement-breakpoint
CREATE FUNCTION encounter_children_refuse_when_signed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  parent uuid;
BEGIN
  parent := CASE WHEN TG_OP = 'DELETE' THEN OLD.encounter_id ELSE NEW.encounter_id END;
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
CREATE TRIGGER encounter_diagnoses_signed_lock BEFORE INSERT OR UPDATE OR DELETE ON encounter_diagnoses
  FOR EACH ROW EXECUTE FUNCTION encounter_children_refuse_when_signed();
--> statement-breakpoint
CREATE TRIGGER encounter_procedures_signed_lock BEFORE INSERT OR UPDATE OR DELETE ON encounter_procedures
  FOR EACH ROW EXECUTE FUNCTION encounter_children_refuse_when_signed();
--> statement-breakpoint
CREATE FUNCTION encounter_addenda_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'encounter_addenda is append-only' USING ERRCODE = 'CB001';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER encounter_addenda_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON encounter_addenda
  FOR EACH STATEMENT EXECUTE FUNCTION encounter_addenda_refuse_change();
