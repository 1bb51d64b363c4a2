// The only reader of process.env. Everything else imports `env` from here.
import { z } from "zod";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  /** PostgreSQL connection string. Unset: embedded PGlite under DATA_DIR. */
  DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /**
   * Owner connection for migrations (tables, guards, the deedchain_app role's grants); the
   * portal itself connects with DATABASE_URL. Unset: DATABASE_URL does both.
   */
  MIGRATION_DATABASE_URL: optionalString.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  /** Where the embedded database, development keys and uploads live. */
  DATA_DIR: z.string().trim().min(1).default(".data"),
  /** Embedded database folder; defaults to DATA_DIR/pglite. */
  PGLITE_DIR: optionalString,
  /** 32-byte master key, base64. Unset: a development key is generated into DATA_DIR. */
  MASTER_KEY: optionalString.pipe(
    z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "MASTER_KEY must be 32 bytes, base64")
      .optional(),
  ),
  /** next-auth secret. Unset: generated into DATA_DIR. */
  NEXTAUTH_SECRET: optionalString,
  NEXTAUTH_URL: optionalString,
  /** A session with no request for this long is ended on the server (lib/dal/auth/load-actor). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  /** Days a refused look-up (access_refusals) is kept before it is pruned. */
  ACCESS_REFUSAL_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(180),
  /** A session ends this long after the password was typed, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  /** Origin line of the ledger's checkpoints (C2SP tlog-checkpoint). */
  LEDGER_ORIGIN: z.string().trim().min(1).default("deedchain.loudi.example/ledger"),
  /** Department cosignatures a checkpoint needs to count as witnessed. */
  WITNESS_QUORUM: z.coerce.number().int().min(0).max(8).default(2),
  /** Run the department witnesses inside the server process (embedded mode default). */
  WITNESS_IN_PROCESS: optionalString.pipe(z.enum(["0", "1"]).optional()),
  /** Health page: alert when a witness's last cosigned size trails the newest checkpoint by more entries than this. */
  WITNESS_LAG_ALERT_ENTRIES: z.coerce.number().int().min(1).default(100),
  /** Health page: alert when a newer checkpoint has waited longer than this (seconds) for a witness's cosignature. */
  WITNESS_LAG_ALERT_SECONDS: z.coerce.number().int().min(1).default(300),
  /**
   * Reverse proxies in front of the portal that append the client's address to
   * X-Forwarded-For. 0: the header a client sends is ignored; the socket address decides
   * (lib/auth/client-ip.ts).
   */
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** `1` (default): a new rule version takes effect only after a second senior admin approves it. */
  RULES_SECOND_APPROVAL: z.enum(["0", "1"]).default("1"),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid environment:\n${problems}`);
  }
  return parsed.data;
}

export const env: Env = load();
