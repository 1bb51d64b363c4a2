-- Database guards that drizzle-kit cannot express. Idempotent: lib/db/migrate.ts runs this
-- file after the migrations on every start, on PostgreSQL and on PGlite alike.
--
-- The ledger is append-only (DESIGN.md §4, §5). Two independent layers keep it so:
--   1. triggers that raise on UPDATE, DELETE and TRUNCATE of the ledger tables, whoever
--      the caller is (only a superuser who sets session_replication_role = replica, i.e.
--      someone who could rewrite the files anyway, gets past them — and `npm run ledger --
--      verify` then names the first bad seq against the witnessed checkpoint);
--   2. privileges: the role `deedchain_app` may SELECT and INSERT ledger rows but not
--      UPDATE, DELETE or TRUNCATE them.
--
-- The running portal always works as deedchain_app on PostgreSQL (lib/db/index.ts): given
-- the owner's URL it takes the role at connection start; in production give it its own
-- login and keep the owner's URL for migrations only:
--   ALTER ROLE deedchain_app LOGIN PASSWORD '…';
--   DATABASE_URL=postgres://deedchain_app:…@db/deedchain
--   MIGRATION_DATABASE_URL=postgres://owner:…@db/deedchain
-- This file creates the role (NOLOGIN) when it is missing and grants it what the portal needs.

-- The head row that every append locks (lib/ledger/append.ts).
INSERT INTO ledger_head (id, size, last_leaf_hash, frontier) VALUES (1, 0, '', '') ON CONFLICT (id) DO NOTHING;

CREATE OR REPLACE FUNCTION deedchain_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'ledger table % is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

-- The head may only move forward. The key epoch (a random tag, see lib/ledger/append.ts)
-- changes with every key change.
CREATE OR REPLACE FUNCTION deedchain_ledger_head_forward() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.id <> OLD.id OR NEW.size < OLD.size
     OR (NEW.size = OLD.size AND (NEW.last_leaf_hash <> OLD.last_leaf_hash OR NEW.frontier <> OLD.frontier)) THEN
    RAISE EXCEPTION 'ledger_head may only move forward (size % -> %)', OLD.size, NEW.size
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

-- A key's identity never changes; only its status (active -> retired/revoked, retired ->
-- revoked) and the end of its validity window may be set.
CREATE OR REPLACE FUNCTION deedchain_ledger_key_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.name <> OLD.name OR NEW.department <> OLD.department OR NEW.role <> OLD.role
     OR NEW.public_key <> OLD.public_key OR NEW.sealed_seed <> OLD.sealed_seed
     OR NEW.valid_from <> OLD.valid_from OR NEW.created_at <> OLD.created_at
     OR (OLD.valid_until IS NOT NULL AND NEW.valid_until IS DISTINCT FROM OLD.valid_until)
     OR (OLD.status = 'retired' AND NEW.status NOT IN ('retired', 'revoked'))
     OR (OLD.status = 'revoked' AND NEW.status <> 'revoked') THEN
    RAISE EXCEPTION 'ledger key % may only be retired or revoked', OLD.name
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN NEW;
END;
$$;

DROP TRIGGER IF EXISTS ledger_entries_append_only ON ledger_entries;
CREATE TRIGGER ledger_entries_append_only BEFORE UPDATE OR DELETE ON ledger_entries
  FOR EACH ROW EXECUTE FUNCTION deedchain_ledger_append_only();
DROP TRIGGER IF EXISTS ledger_entries_no_truncate ON ledger_entries;
CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
  FOR EACH STATEMENT EXECUTE FUNCTION deedchain_ledger_append_only();

DROP TRIGGER IF EXISTS ledger_hashes_append_only ON ledger_hashes;
CREATE TRIGGER ledger_hashes_append_only BEFORE UPDATE OR DELETE ON ledger_hashes
  FOR EACH ROW EXECUTE FUNCTION deedchain_ledger_append_only();
DROP TRIGGER IF EXISTS ledger_hashes_no_truncate ON ledger_hashes;
CREATE TRIGGER ledger_hashes_no_truncate BEFORE TRUNCATE ON ledger_hashes
  FOR EACH STATEMENT EXECUTE FUNCTION deedchain_ledger_append_only();

DROP TRIGGER IF EXISTS ledger_checkpoints_append_only ON ledger_checkpoints;
CREATE TRIGGER ledger_checkpoints_append_only BEFORE UPDATE OR DELETE ON ledger_checkpoints
  FOR EACH ROW EXECUTE FUNCTION deedchain_ledger_append_only();
DROP TRIGGER IF EXISTS ledger_checkpoints_no_truncate ON ledger_checkpoints;
CREATE TRIGGER ledger_checkpoints_no_truncate BEFORE TRUNCATE ON ledger_checkpoints
  FOR EACH STATEMENT EXECUTE FUNCTION deedchain_ledger_append_only();

DROP TRIGGER IF EXISTS ledger_cosignatures_append_only ON ledger_cosignatures;
CREATE TRIGGER ledger_cosignatures_append_only BEFORE UPDATE OR DELETE ON ledger_cosignatures
  FOR EACH ROW EXECUTE FUNCTION deedchain_ledger_append_only();
DROP TRIGGER IF EXISTS ledger_cosignatures_no_truncate ON ledger_cosignatures;
CREATE TRIGGER ledger_cosignatures_no_truncate BEFORE TRUNCATE ON ledger_cosignatures
  FOR EACH STATEMENT EXECUTE FUNCTION deedchain_ledger_append_only();

DROP TRIGGER IF EXISTS ledger_keys_no_delete ON ledger_keys;
CREATE TRIGGER ledger_keys_no_delete BEFORE DELETE ON ledger_keys
  FOR EACH ROW EXECUTE FUNCTION deedchain_ledger_append_only();
DROP TRIGGER IF EXISTS ledger_keys_no_truncate ON ledger_keys;
CREATE TRIGGER ledger_keys_no_truncate BEFORE TRUNCATE ON ledger_keys
  FOR EACH STATEMENT EXECUTE FUNCTION deedchain_ledger_append_only();
DROP TRIGGER IF EXISTS ledger_keys_update ON ledger_keys;
CREATE TRIGGER ledger_keys_update BEFORE UPDATE ON ledger_keys
  FOR EACH ROW EXECUTE FUNCTION deedchain_ledger_key_update();

DROP TRIGGER IF EXISTS ledger_head_no_delete ON ledger_head;
CREATE TRIGGER ledger_head_no_delete BEFORE DELETE ON ledger_head
  FOR EACH ROW EXECUTE FUNCTION deedchain_ledger_append_only();
DROP TRIGGER IF EXISTS ledger_head_no_truncate ON ledger_head;
CREATE TRIGGER ledger_head_no_truncate BEFORE TRUNCATE ON ledger_head
  FOR EACH STATEMENT EXECUTE FUNCTION deedchain_ledger_append_only();
DROP TRIGGER IF EXISTS ledger_head_forward ON ledger_head;
CREATE TRIGGER ledger_head_forward BEFORE UPDATE ON ledger_head
  FOR EACH ROW EXECUTE FUNCTION deedchain_ledger_head_forward();

-- The application role. Roles are cluster-wide, so several databases (tests) may race to
-- create it: a duplicate is fine.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'deedchain_app') THEN
    CREATE ROLE deedchain_app NOLOGIN;
  END IF;
EXCEPTION WHEN duplicate_object OR unique_violation THEN
  NULL;
END;
$$;

-- The portal connects with DATABASE_URL and, unless that already logs in as deedchain_app,
-- takes the role at connection start (lib/db/index.ts, openDb({ as: "app" })): the role
-- that runs the migrations must be a member. Superusers are members of every role.
DO $$
BEGIN
  IF NOT pg_has_role(current_user, 'deedchain_app', 'MEMBER') THEN
    EXECUTE format('GRANT deedchain_app TO %I', current_user);
  END IF;
EXCEPTION WHEN insufficient_privilege THEN
  RAISE WARNING 'could not make % a member of deedchain_app: connect the portal as deedchain_app (ALTER ROLE deedchain_app LOGIN PASSWORD ...)', current_user;
END;
$$;

-- Everything the portal needs on the application's tables (every schema but the system
-- ones), then take back what the ledger forbids.
DO $$
DECLARE
  s text;
BEGIN
  FOR s IN
    SELECT nspname FROM pg_namespace
    WHERE nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'drizzle')
      AND nspname NOT LIKE 'pg_temp_%' AND nspname NOT LIKE 'pg_toast_temp_%'
  LOOP
    EXECUTE format('GRANT USAGE ON SCHEMA %I TO deedchain_app', s);
    EXECUTE format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO deedchain_app', s);
    EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO deedchain_app', s);
  END LOOP;
END;
$$;

REVOKE UPDATE, DELETE, TRUNCATE ON ledger_entries, ledger_hashes, ledger_checkpoints, ledger_cosignatures FROM deedchain_app;
REVOKE DELETE, TRUNCATE ON ledger_keys, ledger_head FROM deedchain_app;
-- Rotation sets a key's status and the end of its validity, nothing else.
REVOKE UPDATE ON ledger_keys FROM deedchain_app;
GRANT UPDATE (status, valid_until) ON ledger_keys TO deedchain_app;
