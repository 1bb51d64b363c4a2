// `npm run bench -- verify [--port 3601] [--data-dir .data/cred-bench] [--seconds 10] [--connections 32]`
//
// Throughput of the public credential API against the built portal (run `next build`
// first): GET /api/credentials/{id} and the trivial GET /api/credentials/ping in the same
// run, same server, 32 connections each, printing requests/s, p95 latency, errors and the
// ratio; then the script time of one in-browser verification (noble backend, the verify
// page's code path) per credential. Printed, never asserted (DESIGN.md §8).
//
// The data folder is migrated, seeded and given credentials on first use. Every request
// carries its own X-Forwarded-For so the per-address rate limit (which would rightly turn
// one address's 32 connections into 429s) does not hide the handler's own cost.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { nobleBackend } from "@/lib/crypto/backend-noble";
import { verifyCredentialBundle, type CredentialAnswer, type PublishedEntry, type PublishedKey } from "@/lib/credentials/verify-bundle";

interface AutocannonResult {
  requests: { average: number };
  latency: { p50: number; p97_5: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  "2xx": number;
  histogram?: unknown;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult & { latency: Record<string, number> }>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const fmt = (n: number, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function prepareData(dataDir: string): Promise<void> {
  if (existsSync(path.join(dataDir, "pglite"))) return;
  console.log(`Preparing ${dataDir} (migrate, seed, seed credentials)…`);
  await new Promise<void>((resolve, reject) => {
    const child = spawn("npx", ["tsx", "e2e/credentials/prepare-data.ts"], { env: { ...process.env, DATA_DIR: dataDir }, stdio: "inherit" });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`prepare-data exited ${code}`))));
  });
}

export async function startServer(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn("npx", ["tsx", "lib/cli/start.ts", "--port", String(port), "--no-build"], {
    // The load generator stands in for one reverse proxy, so X-Forwarded-For names many visitors.
    env: { ...process.env, DATA_DIR: dataDir, WITNESS_IN_PROCESS: "1", NEXT_TELEMETRY_DISABLED: "1", TRUSTED_PROXY_HOPS: "1" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const deadline = Date.now() + 180_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} (is port ${port} free? did next build run?)`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error("the server did not answer /api/health within 3 minutes");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export async function firstCredentialId(base: string): Promise<string> {
  for (let seq = 0; seq < 1000; seq++) {
    const response = await fetch(`${base}/api/ledger/entries/${seq}`, { headers: { "x-forwarded-for": `10.9.${seq >> 8}.${seq & 255}` } });
    if (!response.ok) break;
    const entry = JSON.parse(((await response.json()) as { entry: string }).entry) as { type: string; payload: { credentialId?: string } };
    if (entry.type === "credential.issued" && entry.payload.credentialId) return entry.payload.credentialId;
  }
  throw new Error("no credential.issued entry in the first 1000 entries");
}

let counter = 0;
export function spoofedAddress(request: Record<string, unknown>): Record<string, unknown> {
  counter += 1;
  const headers = { ...(request.headers as Record<string, string>), "x-forwarded-for": `10.${(counter >> 16) & 255}.${(counter >> 8) & 255}.${counter & 255}` };
  return { ...request, headers };
}

async function load(url: string, seconds: number, connections: number) {
  const result = await autocannon({ url, connections, duration: seconds, requests: [{ method: "GET", setupRequest: spoofedAddress }] });
  const latency = result.latency as Record<string, number>;
  // autocannon reports p97.5 and p99; p95 is interpolated between p90 and p97.5 when absent.
  const p95 = latency.p95 ?? (latency.p90 !== undefined ? latency.p90 + ((latency.p97_5! - latency.p90) * 5) / 7.5 : latency.p97_5!);
  return { rps: result.requests.average, p95, p99: latency.p99!, errors: result.errors + result.timeouts + result.non2xx, ok: result["2xx"] };
}

export default async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "3601" },
      "data-dir": { type: "string", default: ".data/cred-bench" },
      seconds: { type: "string", default: "10" },
      connections: { type: "string", default: "32" },
    },
  });
  const port = Number(values.port);
  const seconds = Number(values.seconds);
  const connections = Number(values.connections);
  const base = `http://127.0.0.1:${port}`;
  await prepareData(values["data-dir"]!);
  const server = await startServer(port, values["data-dir"]!);
  try {
    const id = await firstCredentialId(base);
    // Wait until a checkpoint covers it (the publisher runs every 200 ms).
    for (let i = 0; i < 100 && (await fetch(`${base}/api/credentials/${id}`, { headers: { "x-forwarded-for": "10.8.0.1" } })).status !== 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    console.log(`credential ${id}; ${connections} connections, ${seconds} s each in alternating rounds (after a 3 s warm-up); load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    await load(`${base}/api/credentials/${id}`, 3, connections);
    await load(`${base}/api/credentials/ping`, 3, connections);
    // Alternate short rounds (A B A B …) so that load from elsewhere on the machine falls on
    // both alike; the figures are the means over the rounds, p95 the worst round's.
    const rounds = Math.max(2, Math.round(seconds / 5));
    const trivialRounds: Awaited<ReturnType<typeof load>>[] = [];
    const credentialRounds: Awaited<ReturnType<typeof load>>[] = [];
    for (let i = 0; i < rounds; i++) {
      trivialRounds.push(await load(`${base}/api/credentials/ping`, seconds / rounds, connections));
      credentialRounds.push(await load(`${base}/api/credentials/${id}`, seconds / rounds, connections));
    }
    const combine = (list: Awaited<ReturnType<typeof load>>[]) => ({
      rps: list.reduce((sum, r) => sum + r.rps, 0) / list.length,
      p95: Math.max(...list.map((r) => r.p95)),
      p99: Math.max(...list.map((r) => r.p99)),
      errors: list.reduce((sum, r) => sum + r.errors, 0),
      ok: list.reduce((sum, r) => sum + r.ok, 0),
    });
    const trivial = combine(trivialRounds);
    const credential = combine(credentialRounds);
    const row = (name: string, r: Awaited<ReturnType<typeof load>>) =>
      console.log(`  ${name.padEnd(34)} ${fmt(r.rps).padStart(7)} req/s   p95 ${fmt(r.p95, 1).padStart(6)} ms   p99 ${fmt(r.p99, 1).padStart(6)} ms   errors ${r.errors}`);
    row("GET /api/credentials/ping (trivial)", trivial);
    row(`GET /api/credentials/{id}`, credential);
    console.log(`  ratio credential / trivial: ${fmt(credential.rps / trivial.rps, 2)}× (target ≥ 0.7×; p95 target < 60 ms; zero errors)`);

    // Browser-side verification cost: the verify page's exact call, on the noble backend.
    const h = { "x-forwarded-for": "10.8.0.2" };
    const answer = (await (await fetch(`${base}/api/credentials/${id}`, { headers: h })).json()) as CredentialAnswer;
    const keys = (await (await fetch(`${base}/api/ledger/keys`, { headers: h })).json()) as PublishedKey[];
    const entry = (await (await fetch(`${base}/api/ledger/entries/${answer.ledger.seq}`, { headers: h })).json()) as PublishedEntry;
    const times: number[] = [];
    for (let i = 0; i < 50; i++) {
      // A fresh copy of the keys each time: the noble backend caches decoded points per key,
      // as a browser would after the first credential; the first run shows the cold cost.
      const started = performance.now();
      const verdict = verifyCredentialBundle(nobleBackend, { answer, keys, entry }, { quorum: 0 });
      times.push(performance.now() - started);
      if (!verdict.authentic) throw new Error(`the bundle did not verify: ${JSON.stringify(verdict.checks)}`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`  in-browser verification (noble, this machine's Node): first ${fmt(times[0]!, 1)} ms, median ${fmt(sorted[25]!, 1)} ms per credential (target < 10 ms)`);
  } finally {
    try {
      process.kill(-server.pid!, "SIGTERM");
    } catch {
      server.kill("SIGTERM");
    }
  }
}
