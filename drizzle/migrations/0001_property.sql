CREATE SCHEMA "bank";
--> statement-breakpoint
CREATE SCHEMA "civil";
--> statement-breakpoint
CREATE SCHEMA "housing";
--> statement-breakpoint
CREATE SCHEMA "land";
--> statement-breakpoint
CREATE SCHEMA "police";
--> statement-breakpoint
CREATE SCHEMA "tax";
--> statement-breakpoint
CREATE TABLE "properties" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_number" text NOT NULL,
	"district" text NOT NULL,
	"address" text NOT NULL,
	"area" numeric(10, 2) NOT NULL,
	"use" text NOT NULL,
	"floor" integer,
	"built_year" integer NOT NULL,
	"parcel_outline" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "properties_unit_number_format" CHECK ("properties"."unit_number" ~ '^[0-9]{12}[A-Z]{2}[0-9]{5}[FLQW][0-9]{8}$'),
	CONSTRAINT "properties_area_positive" CHECK ("properties"."area" > 0)
);
--> statement-breakpoint
CREATE TABLE "property_holdings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"property_id" uuid NOT NULL,
	"holder_user_id" uuid,
	"holder_ref" text NOT NULL,
	"share" numeric(5, 4) NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "property_holdings_share_range" CHECK ("property_holdings"."share" > 0 and "property_holdings"."share" <= 1)
);
--> statement-breakpoint
CREATE TABLE "bank"."credit" (
	"person_ref" text PRIMARY KEY NOT NULL,
	"outstanding_mortgages" integer NOT NULL,
	"credit_ok" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "civil"."marriages" (
	"person_ref" text PRIMARY KEY NOT NULL,
	"status" text NOT NULL,
	"spouse_ref" text,
	"spouse_consent_on_file" boolean DEFAULT false NOT NULL,
	"since" date,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "marriages_spouse_when_married" CHECK ("civil"."marriages"."status" <> 'married' or "civil"."marriages"."spouse_ref" is not null)
);
--> statement-breakpoint
CREATE TABLE "housing"."eligibility" (
	"person_ref" text PRIMARY KEY NOT NULL,
	"homes_owned_in_city" integer NOT NULL,
	"eligible" boolean NOT NULL,
	"reason" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "land"."transactions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_number" text NOT NULL,
	"price" numeric(14, 2) NOT NULL,
	"transacted_on" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "police"."persons" (
	"person_ref" text PRIMARY KEY NOT NULL,
	"name_cipher" text NOT NULL,
	"resident_id_cipher" text NOT NULL,
	"address_cipher" text NOT NULL,
	"has_criminal_record" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tax"."deed_tax_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_number" text NOT NULL,
	"payer_ref" text NOT NULL,
	"amount" numeric(14, 2) NOT NULL,
	"paid_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "property_holdings" ADD CONSTRAINT "property_holdings_property_id_properties_id_fk" FOREIGN KEY ("property_id") REFERENCES "public"."properties"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "property_holdings" ADD CONSTRAINT "property_holdings_holder_user_id_users_id_fk" FOREIGN KEY ("holder_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "properties_unit_number_unique" ON "properties" USING btree ("unit_number");--> statement-breakpoint
CREATE INDEX "properties_district_idx" ON "properties" USING btree ("district");--> statement-breakpoint
CREATE UNIQUE INDEX "property_holdings_property_holder_unique" ON "property_holdings" USING btree ("property_id","holder_ref");--> statement-breakpoint
CREATE INDEX "property_holdings_holder_ref_idx" ON "property_holdings" USING btree ("holder_ref");--> statement-breakpoint
CREATE INDEX "property_holdings_holder_user_idx" ON "property_holdings" USING btree ("holder_user_id");--> statement-breakpoint
CREATE INDEX "transactions_unit_idx" ON "land"."transactions" USING btree ("unit_number");--> statement-breakpoint
CREATE INDEX "transactions_date_idx" ON "land"."transactions" USING btree ("transacted_on");--> statement-breakpoint
CREATE UNIQUE INDEX "transactions_unit_date_unique" ON "land"."transactions" USING btree ("unit_number","transacted_on");--> statement-breakpoint
CREATE INDEX "deed_tax_payments_unit_idx" ON "tax"."deed_tax_payments" USING btree ("unit_number");--> statement-breakpoint
CREATE INDEX "deed_tax_payments_payer_idx" ON "tax"."deed_tax_payments" USING btree ("payer_ref");