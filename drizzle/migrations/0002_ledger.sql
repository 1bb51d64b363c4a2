CREATE TABLE "ledger_checkpoints" (
	"tree_size" bigint PRIMARY KEY NOT NULL,
	"root_hash" text NOT NULL,
	"body" text NOT NULL,
	"log_signature" text NOT NULL,
	"log_key_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_cosignatures" (
	"tree_size" bigint NOT NULL,
	"key_name" text NOT NULL,
	"line" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_cosignatures_tree_size_key_name_pk" PRIMARY KEY("tree_size","key_name")
);
--> statement-breakpoint
CREATE TABLE "ledger_entries" (
	"seq" bigint PRIMARY KEY NOT NULL,
	"entry" text NOT NULL,
	"leaf_hash" text NOT NULL,
	"signature" text NOT NULL,
	"key_name" text NOT NULL,
	"type" text NOT NULL,
	"department" text NOT NULL,
	"subject" text NOT NULL,
	"time" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_hashes" (
	"idx" bigint PRIMARY KEY NOT NULL,
	"hash" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ledger_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"instance_id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"size" bigint NOT NULL,
	"last_leaf_hash" "bytea" NOT NULL,
	"frontier" "bytea" NOT NULL,
	"last_time" timestamp with time zone,
	"key_epoch" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ledger_head_single_row" CHECK ("ledger_head"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "ledger_keys" (
	"name" text PRIMARY KEY NOT NULL,
	"department" text NOT NULL,
	"role" text NOT NULL,
	"status" text NOT NULL,
	"public_key" text NOT NULL,
	"sealed_seed" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ledger_keys_name_form" CHECK ("ledger_keys"."name" ~ '^[^[:space:]+]+$'),
	CONSTRAINT "ledger_keys_role" CHECK ("ledger_keys"."role" in ('log', 'department', 'credential')),
	CONSTRAINT "ledger_keys_status" CHECK ("ledger_keys"."status" in ('active', 'retired', 'revoked'))
);
--> statement-breakpoint
CREATE TABLE "ledger_witness_states" (
	"department" text PRIMARY KEY NOT NULL,
	"origin" text NOT NULL,
	"tree_size" bigint NOT NULL,
	"root_hash" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ledger_cosignatures" ADD CONSTRAINT "ledger_cosignatures_tree_size_ledger_checkpoints_tree_size_fk" FOREIGN KEY ("tree_size") REFERENCES "public"."ledger_checkpoints"("tree_size") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_cosignatures" ADD CONSTRAINT "ledger_cosignatures_key_name_ledger_keys_name_fk" FOREIGN KEY ("key_name") REFERENCES "public"."ledger_keys"("name") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_cosignatures_key_idx" ON "ledger_cosignatures" USING btree ("key_name","tree_size");--> statement-breakpoint
CREATE INDEX "ledger_entries_subject_idx" ON "ledger_entries" USING btree ("subject","seq");--> statement-breakpoint
CREATE INDEX "ledger_entries_type_idx" ON "ledger_entries" USING btree ("type","seq");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_keys_one_active" ON "ledger_keys" USING btree ("department","role") WHERE "ledger_keys"."status" = 'active';