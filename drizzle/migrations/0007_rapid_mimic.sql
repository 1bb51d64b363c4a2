CREATE TABLE "land"."land_use_rights" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"parcel_code" text NOT NULL,
	"holder_ref" text NOT NULL,
	"land_use" text NOT NULL,
	"granted_on" date NOT NULL,
	"expires_on" date NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sign_in_attempts" ADD COLUMN "login_hmac" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "login_hmac" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "login_cipher" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "display_name_cipher" text;--> statement-breakpoint
CREATE INDEX "land_use_rights_holder_idx" ON "land"."land_use_rights" USING btree ("holder_ref");--> statement-breakpoint
CREATE UNIQUE INDEX "land_use_rights_parcel_holder_unique" ON "land"."land_use_rights" USING btree ("parcel_code","holder_ref");--> statement-breakpoint
CREATE INDEX "sign_in_attempts_login_hmac_at_idx" ON "sign_in_attempts" USING btree ("login_hmac","at");--> statement-breakpoint
CREATE UNIQUE INDEX "users_login_hmac_unique" ON "users" USING btree ("login_hmac");