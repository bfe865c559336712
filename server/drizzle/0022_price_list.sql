CREATE TABLE "price_item_prices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"price_minor" integer NOT NULL,
	"tax_rate_bp" integer NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone,
	"changed_by" uuid,
	CONSTRAINT "price_item_prices_price_check" CHECK ("price_item_prices"."price_minor" >= 0),
	CONSTRAINT "price_item_prices_tax_check" CHECK ("price_item_prices"."tax_rate_bp" between 0 and 10000),
	CONSTRAINT "price_item_prices_period_check" CHECK ("price_item_prices"."valid_to" is null or "price_item_prices"."valid_to" >= "price_item_prices"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "price_item_shares" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"item_id" uuid NOT NULL,
	"provider_id" uuid,
	"kind" text NOT NULL,
	"basis_points" integer,
	"amount_minor" integer,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_to" timestamp with time zone,
	"changed_by" uuid,
	CONSTRAINT "price_item_shares_amount_check" CHECK (("price_item_shares"."kind" = 'percent' and "price_item_shares"."basis_points" between 0 and 10000 and "price_item_shares"."amount_minor" is null)
        or ("price_item_shares"."kind" = 'fixed' and "price_item_shares"."amount_minor" >= 0 and "price_item_shares"."basis_points" is null)
        or ("price_item_shares"."kind" = 'none' and "price_item_shares"."amount_minor" is null and "price_item_shares"."basis_points" is null)),
	CONSTRAINT "price_item_shares_period_check" CHECK ("price_item_shares"."valid_to" is null or "price_item_shares"."valid_to" >= "price_item_shares"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "price_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name_en" text NOT NULL,
	"name_es" text NOT NULL,
	"service_id" uuid,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "price_items_kind_check" CHECK ("price_items"."kind" in ('consultation', 'procedure', 'dental', 'lab', 'imaging', 'medicine', 'supply', 'other'))
);
--> statement-breakpoint
ALTER TABLE "price_item_prices" ADD CONSTRAINT "price_item_prices_item_id_price_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."price_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_item_prices" ADD CONSTRAINT "price_item_prices_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_item_shares" ADD CONSTRAINT "price_item_shares_item_id_price_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."price_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_item_shares" ADD CONSTRAINT "price_item_shares_provider_id_users_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_item_shares" ADD CONSTRAINT "price_item_shares_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_items" ADD CONSTRAINT "price_items_service_id_services_id_fk" FOREIGN KEY ("service_id") REFERENCES "public"."services"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "price_item_prices_current_unique" ON "price_item_prices" USING btree ("item_id") WHERE "price_item_prices"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "price_item_prices_item_idx" ON "price_item_prices" USING btree ("item_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "price_item_shares_current_unique" ON "price_item_shares" USING btree ("item_id",coalesce("provider_id", '00000000-0000-0000-0000-000000000000'::uuid)) WHERE "price_item_shares"."valid_to" is null;--> statement-breakpoint
CREATE INDEX "price_item_shares_item_idx" ON "price_item_shares" USING btree ("item_id","valid_from");--> statement-breakpoint
CREATE UNIQUE INDEX "price_items_code_unique" ON "price_items" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "price_items_service_unique" ON "price_items" USING btree ("service_id");