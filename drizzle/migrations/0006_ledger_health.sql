CREATE TABLE "ledger_audit_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"status" text NOT NULL,
	"started_by" uuid NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"entries_total" bigint NOT NULL,
	"entries_checked" bigint DEFAULT 0 NOT NULL,
	"problem_kind" text,
	"problem_seq" bigint,
	"problem_reason" text,
	"problem_detail" text,
	"newest_size" bigint,
	"witnessed_size" bigint,
	"warnings" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"seconds" real
);
--> statement-breakpoint
CREATE TABLE "ledger_witness_refusals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"department" text,
	"source" text NOT NULL,
	"tree_size" bigint,
	"reason" text NOT NULL,
	"message" text NOT NULL,
	"status" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_audit_runs" ADD CONSTRAINT "ledger_audit_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_audit_runs_one_running" ON "ledger_audit_runs" USING btree ("status") WHERE "ledger_audit_runs"."status" = 'running';--> statement-breakpoint
CREATE INDEX "ledger_audit_runs_started_idx" ON "ledger_audit_runs" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "ledger_witness_refusals_created_idx" ON "ledger_witness_refusals" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "ledger_witness_refusals_department_idx" ON "ledger_witness_refusals" USING btree ("department","created_at");