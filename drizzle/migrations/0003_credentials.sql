CREATE TABLE "credentials" (
	"id" text PRIMARY KEY NOT NULL,
	"unit_number" text NOT NULL,
	"status" text DEFAULT 'valid' NOT NULL,
	"superseded_by" text,
	"supersedes" text,
	"reason" text NOT NULL,
	"sd_jwt" text NOT NULL,
	"holder_refs" jsonb NOT NULL,
	"holder_disclosures_cipher" text NOT NULL,
	"ledger_seq" bigint NOT NULL,
	"issued_at" timestamp with time zone NOT NULL,
	"superseded_at" timestamp with time zone,
	CONSTRAINT "credentials_id_format" CHECK ("credentials"."id" ~ '^[A-Za-z0-9_.:-]{6,100}$'),
	CONSTRAINT "credentials_status" CHECK ("credentials"."status" in ('valid', 'superseded', 'revoked'))
);
--> statement-breakpoint
CREATE TABLE "institution_api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution" text NOT NULL,
	"kind" text NOT NULL,
	"key_hash" text NOT NULL,
	"key_prefix" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_by" uuid,
	CONSTRAINT "institution_api_keys_kind" CHECK ("institution_api_keys"."kind" in ('bank', 'court', 'school'))
);
--> statement-breakpoint
ALTER TABLE "institution_api_keys" ADD CONSTRAINT "institution_api_keys_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_api_keys" ADD CONSTRAINT "institution_api_keys_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_ledger_seq_unique" ON "credentials" USING btree ("ledger_seq");--> statement-breakpoint
CREATE UNIQUE INDEX "credentials_one_valid_per_unit" ON "credentials" USING btree ("unit_number") WHERE "credentials"."status" = 'valid';--> statement-breakpoint
CREATE INDEX "credentials_unit_number_idx" ON "credentials" USING btree ("unit_number");--> statement-breakpoint
CREATE UNIQUE INDEX "institution_api_keys_hash_unique" ON "institution_api_keys" USING btree ("key_hash");