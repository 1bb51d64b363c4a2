// Builds the Next.js app only when the build is missing or older than a source file, so
// `npm start` and `npm test` pay for `next build` once per change, not once per run.
// Used by lib/cli/start.ts and e2e/run-tests.sh (`npx tsx lib/cli/build-if-stale.ts`).
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

/** What a build depends on: source folders and root files (tests excluded). */
const SOURCE_DIRS = ["app", "lib", "contracts", "drizzle", "public"];
const SOURCE_FILES = [
  "next.config.ts",
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "postcss.config.mjs",
  "proxy.ts",
  "middleware.ts",
  "instrumentation.ts",
];

function isTestFile(name: string): boolean {
  return /\.(test|spec)\.[cm]?[jt]sx?$/.test(name);
}

/** Command-line tools run under tsx and are never part of the Next.js bundle. */
const NOT_BUILT = new Set([path.join("lib", "cli")]);

function newestIn(root: string, dir: string, best: { mtimeMs: number; file: string }): void {
  for (const entry of readdirSync(path.join(root, dir), { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const rel = path.join(dir, entry.name);
    if (NOT_BUILT.has(rel)) continue;
    const full = path.join(root, rel);
    if (entry.isDirectory()) newestIn(root, rel, best);
    else if (entry.isFile() && !isTestFile(entry.name)) {
      const { mtimeMs } = statSync(full);
      if (mtimeMs > best.mtimeMs) Object.assign(best, { mtimeMs, file: full });
    }
  }
}

export function buildStaleness(root = process.cwd()): { stale: boolean; reason: string } {
  const buildId = path.join(root, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return { stale: true, reason: "no build yet (.next/BUILD_ID is missing)" };
  const builtAt = statSync(buildId).mtimeMs;
  const newest = { mtimeMs: 0, file: "" };
  for (const dir of SOURCE_DIRS) if (existsSync(path.join(root, dir))) newestIn(root, dir, newest);
  for (const file of SOURCE_FILES) {
    const full = path.join(root, file);
    if (existsSync(full) && statSync(full).mtimeMs > newest.mtimeMs) Object.assign(newest, { mtimeMs: statSync(full).mtimeMs, file: full });
  }
  if (newest.mtimeMs > builtAt) return { stale: true, reason: `${path.relative(root, newest.file)} changed after the last build` };
  return { stale: false, reason: "the build is newer than every source file" };
}

/** Environment for child processes: everything we were given, telemetry off. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  // Passed through untouched to the children; lib/env.ts stays the only place that interprets it.
  return { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extra };
}

export function nextBin(root = process.cwd()): string {
  return path.join(root, "node_modules", "next", "dist", "bin", "next");
}

/** Runs `next build` when needed. Resolves true when the build is usable. */
export async function buildIfStale(options: { root?: string; log?: (line: string) => void } = {}): Promise<boolean> {
  const root = options.root ?? process.cwd();
  const log = options.log ?? ((line: string) => console.log(line));
  const { stale, reason } = buildStaleness(root);
  if (!stale) {
    log(`Build is up to date: ${reason}; skipping next build.`);
    return true;
  }
  log(`Building the portal (next build): ${reason}. This takes a few minutes on a small machine…`);
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, [nextBin(root), "build"], { cwd: root, env: childEnv(), stdio: "inherit" });
    child.on("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 1 : 0)));
    child.on("error", () => resolve(1));
  });
  if (code !== 0) {
    log(`next build failed (exit ${code}).`);
    return false;
  }
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exit((await buildIfStale()) ? 0 : 1);
}
