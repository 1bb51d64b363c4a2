CREATE TABLE "access_refusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"actor_user_id" uuid NOT NULL,
	"actor_role" text NOT NULL,
	"resource" text NOT NULL,
	"resource_id" text NOT NULL,
	"target_exists" boolean NOT NULL
);
--> statement-breakpoint
ALTER TABLE "access_refusals" ADD CONSTRAINT "access_refusals_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "access_refusals_at_idx" ON "access_refusals" USING btree ("at");--> statement-breakpoint
CREATE INDEX "access_refusals_actor_idx" ON "access_refusals" USING btree ("actor_user_id","at");