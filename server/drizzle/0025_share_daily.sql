CREATE TABLE "share_daily" (
	"day" date NOT NULL,
	"provider_id" uuid,
	"amount_minor" bigint DEFAULT 0 NOT NULL,
	"doctor_minor" bigint DEFAULT 0 NOT NULL,
	"clinic_minor" bigint DEFAULT 0 NOT NULL,
	"tax_minor" bigint DEFAULT 0 NOT NULL,
	"entries" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "share_daily" ADD CONSTRAINT "share_daily_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "share_daily_day_provider_unique" ON "share_daily" USING btree ("day",coalesce("provider_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
INSERT INTO "share_daily" ("day", "provider_id", "amount_minor", "doctor_minor", "clinic_minor", "tax_minor", "entries")
SELECT ("at" at time zone 'UTC')::date, "provider_id", sum("amount_minor"), sum("doctor_minor"), sum("clinic_minor"),
       sum("tax_minor"), count(*)
FROM "share_entries"
GROUP BY 1, 2;
