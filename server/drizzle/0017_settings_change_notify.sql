-- Instances keep the clinic's settings in memory (they are read on most requests). A change is announced
-- on carebase_settings when its transaction commits, and every instance reads them again.
CREATE FUNCTION carebase_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('carebase_settings', '');
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER system_settings_changed AFTER INSERT OR UPDATE OR DELETE ON system_settings
  FOR EACH STATEMENT EXECUTE FUNCTION carebase_settings_changed();
