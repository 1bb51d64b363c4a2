// `npm start`: build when needed, migrate and seed the database, then serve the portal and
// print the demo sign-ins once it answers.
//   npx tsx lib/cli/start.ts [--port N] [--no-build]
// The database is opened here only long enough to migrate and seed, then closed before
// `next start` opens it: embedded PGlite allows one process per data folder.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { env } from "@/lib/env";
import { openDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { seed } from "@/drizzle/seed";
import { DEMO_PASSWORD, DEMO_RESIDENTS, DEMO_STAFF, DEMO_TOTP_SECRET } from "@/drizzle/seed/demo-accounts";
import { SEED_DEPARTMENTS } from "@/drizzle/seed/seed-data";
import { buildIfStale, childEnv, nextBin } from "./build-if-stale";
import { describeDatabase } from "./database-label";

const USAGE = "usage: npm start -- [--port N] [--no-build]";

function parseOptions(): { port: number; build: boolean } {
  try {
    const { values } = parseArgs({
      options: { port: { type: "string", short: "p" }, "no-build": { type: "boolean", default: false } },
      strict: true,
    });
    const port = z.coerce.number().int().min(1).max(65535).safeParse(values.port ?? env.PORT);
    if (!port.success) throw new Error(`--port must be a whole number from 1 to 65535, not "${values.port}".`);
    return { port: port.data, build: !values["no-build"] };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message.split("\n")[0] : String(error)}\n${USAGE}`);
    process.exit(2);
  }
}

async function prepareDatabase(): Promise<void> {
  const handle = await openDb();
  try {
    await migrate(handle);
    const result = await seed(handle);
    console.log(
      result.seeded
        ? `Database ready: ${describeDatabase()} (migrated, demo data, ${result.credentialsIssued} credentials and ${result.history?.applications ?? 0} cases of history written).`
        : `Database ready: ${describeDatabase()} (migrated; it already had data, seed skipped).`,
    );
  } finally {
    await handle.close();
  }
}

async function waitUntilAnswering(url: string, child: { exitCode: number | null }): Promise<number | null> {
  for (;;) {
    if (child.exitCode !== null) return null;
    try {
      const response = await fetch(url, { redirect: "manual", signal: AbortSignal.timeout(5_000) });
      if (response.status < 500) return response.status;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function printSignIns(baseUrl: string, probe: string): void {
  const line = "─".repeat(72);
  const department = (code: string) => SEED_DEPARTMENTS.find((d) => d.code === code);
  const rows = [
    line,
    `  Deedchain is running at ${baseUrl}   (${probe})`,
    `  Database: ${describeDatabase()}`,
    line,
    `  Demo sign-ins — the password for every account is: ${DEMO_PASSWORD}`,
    ...(existsSync(path.join(process.cwd(), "app", "signin")) ? [`  Sign in at ${baseUrl}/signin (residents sign up at ${baseUrl}/signup)`] : []),
    "",
    "  Staff login        role               department",
    ...DEMO_STAFF.map((s) => {
      const d = department(s.department);
      return `  ${s.login.padEnd(18)} ${s.role.padEnd(18)} ${s.department} (${d?.nameEn ?? ""}, ${d?.nameZh ?? ""})`;
    }),
    "",
    "  Senior admins also give a TOTP code (two-step sign-in). Demo key, for any authenticator app:",
    `    ${DEMO_TOTP_SECRET}   (otpauth://totp/Deedchain:senior.admin?secret=${DEMO_TOTP_SECRET}&issuer=Deedchain)`,
    "  or print the current code: npm run totp",
    "",
    "  Resident (login = phone)",
    ...DEMO_RESIDENTS.map((r) => `  ${r.phone.padEnd(18)} ${r.name}${r.married ? " (married, no spouse consent on file)" : ""}`),
    line,
    "  Stop with Ctrl+C.",
    line,
  ];
  console.log(rows.join("\n"));
}

const options = parseOptions();
if (options.build) {
  if (!(await buildIfStale())) process.exit(1);
} else if (!existsSync(path.join(process.cwd(), ".next", "BUILD_ID"))) {
  console.error("There is no build (.next/BUILD_ID is missing) and --no-build was given. Run `npm run build` first, or drop --no-build.");
  process.exit(1);
}

try {
  await prepareDatabase();
} catch (error) {
  console.error(`Could not prepare the database (${describeDatabase()}):`, error instanceof Error ? error.message : error);
  process.exit(1);
}

// The preload appends each request's socket address to X-Forwarded-For (lib/auth/client-ip.ts).
const socketAddressHop = path.join(process.cwd(), "lib", "cli", "socket-address.cjs");
const server = spawn(process.execPath, ["--require", socketAddressHop, nextBin(), "start", "-p", String(options.port)], {
  env: childEnv(),
  stdio: "inherit",
});
let stopRequested = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    stopRequested = true;
    if (server.exitCode === null) server.kill(signal);
  });
}
server.on("exit", (code, signal) => {
  if (signal) console.log(`Portal stopped (${signal}).`);
  // A stop we passed on is a clean exit; the server dying on its own is not.
  process.exit(code ?? (stopRequested ? 0 : 1));
});

// The ledger's health route says the database and the log are usable; until it exists, the home page will do.
const hasHealthRoute = existsSync(path.join(process.cwd(), "app", "api", "health", "route.ts"));
const baseUrl = `http://localhost:${options.port}`;
const probe = hasHealthRoute ? "/api/health" : "/";
const status = await waitUntilAnswering(`http://127.0.0.1:${options.port}${probe}`, server);
if (status !== null) {
  printSignIns(baseUrl, hasHealthRoute ? `${probe} answered ${status}` : `${probe} answered ${status}; no /api/health route yet`);
}
