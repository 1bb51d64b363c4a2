CREATE TABLE "registration_access_grants" (
	"grant_id" text PRIMARY KEY NOT NULL,
	"department" text NOT NULL,
	"check" text NOT NULL,
	"requester" text NOT NULL,
	"purpose" text NOT NULL,
	"kind" text NOT NULL,
	"status" text NOT NULL,
	"granted_by" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"state" jsonb NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_applications" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"unit_number" text NOT NULL,
	"status" text NOT NULL,
	"filed_by" uuid NOT NULL,
	"assignee" uuid,
	"rule_version" integer,
	"party_refs" text[] DEFAULT '{}'::text[] NOT NULL,
	"submitted_at" timestamp with time zone,
	"status_since" timestamp with time zone NOT NULL,
	"last_seq" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_documents" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"uploaded_by" uuid NOT NULL,
	"kind" text NOT NULL,
	"file_name_cipher" text NOT NULL,
	"media_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"bytes_cipher" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "registration_documents_size" CHECK ("registration_documents"."size" > 0 and "registration_documents"."size" <= 10485760)
);
--> statement-breakpoint
CREATE TABLE "registration_drafts" (
	"application_id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"form_cipher" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"application_id" text NOT NULL,
	"author_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"note_cipher" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"application_id" text,
	"kind" text NOT NULL,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "registration_property_rights" (
	"unit_number" text PRIMARY KEY NOT NULL,
	"baseline" jsonb NOT NULL,
	"state" jsonb NOT NULL,
	"last_seq" bigint,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "registration_verification_requests" (
	"request_id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"department" text NOT NULL,
	"check" text NOT NULL,
	"party" text NOT NULL,
	"status" text NOT NULL,
	"authorised_via" text,
	"grant_id" text,
	"authorised_by" text,
	"answer" text,
	"reason_code" text,
	"raised_at" timestamp with time zone NOT NULL,
	"expected_hours" integer NOT NULL,
	"last_seq" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "registration_applications" ADD CONSTRAINT "registration_applications_filed_by_users_id_fk" FOREIGN KEY ("filed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_applications" ADD CONSTRAINT "registration_applications_assignee_users_id_fk" FOREIGN KEY ("assignee") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_documents" ADD CONSTRAINT "registration_documents_application_id_registration_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."registration_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_documents" ADD CONSTRAINT "registration_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_drafts" ADD CONSTRAINT "registration_drafts_application_id_registration_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."registration_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_drafts" ADD CONSTRAINT "registration_drafts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_notes" ADD CONSTRAINT "registration_notes_application_id_registration_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."registration_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_notes" ADD CONSTRAINT "registration_notes_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_notifications" ADD CONSTRAINT "registration_notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registration_verification_requests" ADD CONSTRAINT "registration_verification_requests_application_id_registration_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."registration_applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "registration_access_grants_department_idx" ON "registration_access_grants" USING btree ("department","status");--> statement-breakpoint
CREATE INDEX "registration_applications_status_idx" ON "registration_applications" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "registration_applications_unit_idx" ON "registration_applications" USING btree ("unit_number");--> statement-breakpoint
CREATE INDEX "registration_applications_filed_by_idx" ON "registration_applications" USING btree ("filed_by");--> statement-breakpoint
CREATE INDEX "registration_applications_party_refs_idx" ON "registration_applications" USING gin ("party_refs");--> statement-breakpoint
CREATE INDEX "registration_documents_application_idx" ON "registration_documents" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "registration_notes_application_idx" ON "registration_notes" USING btree ("application_id");--> statement-breakpoint
CREATE INDEX "registration_notifications_user_idx" ON "registration_notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "registration_requests_department_idx" ON "registration_verification_requests" USING btree ("department","status","raised_at");--> statement-breakpoint
CREATE INDEX "registration_requests_application_idx" ON "registration_verification_requests" USING btree ("application_id");