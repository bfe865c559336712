-- The odontogram history is append-only: rows are never edited or removed. The one change allowed is a
-- patient merge moving rows to the surviving record (patient_id alone changes).
CREATE FUNCTION dental_chart_entries_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF (to_jsonb(NEW) - 'patient_id') = (to_jsonb(OLD) - 'patient_id') THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'dental_chart_entries is append-only (only a patient merge may move its rows)';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER dental_chart_entries_append_only BEFORE UPDATE OR DELETE ON dental_chart_entries
  FOR EACH ROW EXECUTE FUNCTION dental_chart_entries_refuse_change();
--> statement-breakpoint
CREATE TRIGGER dental_chart_entries_no_truncate BEFORE TRUNCATE ON dental_chart_entries
  FOR EACH STATEMENT EXECUTE FUNCTION dental_chart_entries_refuse_change();
