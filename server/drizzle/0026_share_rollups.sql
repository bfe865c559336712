CREATE TABLE "share_monthly" (
	"month" date NOT NULL,
	"provider_id" uuid,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	"doctor_minor" bigint DEFAULT 0 NOT NULL,
	"clinic_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"entries" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "share_monthly" ADD CONSTRAINT "share_monthly_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "share_monthly_month_provider_unique" ON "share_monthly" USING btree ("month",coalesce("provider_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
-- share_daily is keyed by the clinic's local day from now on (it was the UTC day), and share_monthly by its
-- local month, so a report in the clinic's zone reads whole days and months from them and never the raw
-- entries. When the clinic's time zone changes, both are rebuilt in the same transaction, with the tables
-- locked so that no payment writes to them meanwhile.
CREATE FUNCTION carebase_clinic_time_zone() RETURNS text LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT value->>'timeZone' FROM system_settings WHERE id = 1), 'UTC')
$$;--> statement-breakpoint
CREATE FUNCTION carebase_rebuild_share_rollups() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  zone text;
BEGIN
  LOCK TABLE share_daily, share_monthly IN EXCLUSIVE MODE;
  zone := carebase_clinic_time_zone();
  DELETE FROM share_daily;
  INSERT INTO share_daily (day, provider_id, amount_minor, doctor_minor, clinic_minor, tax_minor, entries)
  SELECT (at AT TIME ZONE zone)::date, provider_id, sum(amount_minor), sum(doctor_minor), sum(clinic_minor),
         sum(tax_minor), count(*)
  FROM share_entries
  GROUP BY 1, 2;
  DELETE FROM share_monthly;
  INSERT INTO share_monthly (month, provider_id, amount_minor, doctor_minor, clinic_minor, tax_minor, entries)
  SELECT date_trunc('month', day)::date, provider_id, sum(amount_minor), sum(doctor_minor), sum(clinic_minor),
         sum(tax_minor), sum(entries)
  FROM share_daily
  GROUP BY 1, 2;
END $$;--> statement-breakpoint
CREATE FUNCTION carebase_time_zone_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(CASE WHEN TG_OP <> 'INSERT' THEN OLD.value->>'timeZone' END, 'UTC')
     IS DISTINCT FROM coalesce(CASE WHEN TG_OP <> 'DELETE' THEN NEW.value->>'timeZone' END, 'UTC') THEN
    PERFORM carebase_rebuild_share_rollups();
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER system_settings_time_zone AFTER INSERT OR UPDATE OR DELETE ON system_settings
  FOR EACH ROW EXECUTE FUNCTION carebase_time_zone_changed();--> statement-breakpoint
SELECT carebase_rebuild_share_rollups();--> statement-breakpoint
-- The ageing report reads every open invoice: from this index alone, without visiting the invoices' rows.
CREATE INDEX invoices_open_idx ON invoices (issued_at) INCLUDE (patient_id, total_minor, paid_minor)
  WHERE status IN ('issued', 'partially_paid');
--> statement-breakpoint
-- Billing numbers (INV-2026-000123): the next of a series for a year, gap-free. The counter row stays locked
-- until the transaction ends, so concurrent issuers take turns and a rollback gives the number back.
CREATE FUNCTION carebase_next_number(of_series text, of_year integer) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  n integer;
BEGIN
  INSERT INTO billing_counters (series, year, last) VALUES (of_series, of_year, 1)
  ON CONFLICT ON CONSTRAINT billing_counters_series_year_pk DO UPDATE SET last = billing_counters.last + 1
  RETURNING billing_counters.last INTO n;
  RETURN of_series || '-' || of_year || '-' || lpad(n::text, greatest(6, length(n::text)), '0');
END $$;--> statement-breakpoint
-- A payment is written with a pending number and given its receipt number as its transaction commits: the
-- receipt counter, which every payment takes in turn, is then held for the commit alone.
CREATE FUNCTION carebase_number_payment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE payments
  SET number = carebase_next_number('RCT',
        extract(year FROM now() AT TIME ZONE carebase_clinic_time_zone())::integer)
  WHERE id = NEW.id;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE CONSTRAINT TRIGGER payments_number_at_commit AFTER INSERT ON payments
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (NEW.number LIKE 'pending-%')
  EXECUTE FUNCTION carebase_number_payment();
