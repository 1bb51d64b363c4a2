CREATE TABLE "queue_bookings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"window" text NOT NULL,
	"service_date" date NOT NULL,
	"slot" integer NOT NULL,
	"number" integer NOT NULL,
	"service" text NOT NULL,
	"application_id" text,
	"user_id" uuid NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"called_at" timestamp with time zone,
	"called_by" uuid,
	"closed_at" timestamp with time zone,
	CONSTRAINT "queue_bookings_number_positive" CHECK ("queue_bookings"."number" > 0),
	CONSTRAINT "queue_bookings_slot_range" CHECK ("queue_bookings"."slot" >= 0 and "queue_bookings"."slot" < 48)
);
--> statement-breakpoint
CREATE TABLE "queue_number_counters" (
	"window" text NOT NULL,
	"service_date" date NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "queue_number_counters_window_service_date_pk" PRIMARY KEY("window","service_date")
);
--> statement-breakpoint
ALTER TABLE "queue_bookings" ADD CONSTRAINT "queue_bookings_application_id_registration_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."registration_applications"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_bookings" ADD CONSTRAINT "queue_bookings_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "queue_bookings" ADD CONSTRAINT "queue_bookings_called_by_users_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "queue_bookings_number_unique" ON "queue_bookings" USING btree ("window","service_date","number");--> statement-breakpoint
CREATE UNIQUE INDEX "queue_bookings_slot_unique" ON "queue_bookings" USING btree ("window","service_date","slot") WHERE "queue_bookings"."status" <> 'cancelled';--> statement-breakpoint
CREATE UNIQUE INDEX "queue_bookings_one_per_day" ON "queue_bookings" USING btree ("user_id","service_date","service") WHERE "queue_bookings"."status" in ('booked', 'called');--> statement-breakpoint
CREATE INDEX "queue_bookings_user_idx" ON "queue_bookings" USING btree ("user_id","service_date");