// `npm run bench -- load [--seconds 60] [--rate 200] [--port 3740] [--data-dir .data/load-bench]`
//
// Issue 7 §7: the public verify API and the resident pages under `--rate` requests/s for
// `--seconds` from a loopback load generator (autocannon), half each. Meanwhile a prober
// opens other pages once a second and times them. Then one address hammers the public API
// alone, to show the per-IP limit answering 429. Printed, never asserted (DESIGN.md §8):
// 5xx count, timeouts and socket errors, status codes, latency, what the server logged
// about its database (pool exhaustion, timeouts), and the probe latencies during the load.
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { DEMO_PASSWORD, DEMO_RESIDENTS } from "@/drizzle/seed/demo-accounts";
import { firstCredentialId, prepareData, spoofedAddress, startServer } from "./verify";

interface Result {
  requests: { total: number; average: number };
  latency: { p50: number; p97_5: number; p99: number; max: number };
  errors: number;
  timeouts: number;
  statusCodeStats: Record<string, { count: number }>;
}
type Autocannon = ((options: Record<string, unknown>) => Promise<Result>) & { track?: unknown };
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Signs a resident in through next-auth's API and returns the Cookie header. */
async function residentCookie(base: string): Promise<string> {
  const jar = new Map<string, string>();
  const keep = (response: Response) => {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const csrf = await fetch(`${base}/api/auth/csrf`);
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const signIn = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie(), "x-forwarded-for": "10.7.0.1" },
    body: new URLSearchParams({ login: DEMO_RESIDENTS[0]!.phone, password: DEMO_PASSWORD, csrfToken, json: "true" }),
    redirect: "manual",
  });
  keep(signIn);
  if (![...jar.keys()].some((k) => k.endsWith("session-token"))) throw new Error(`resident sign-in failed: HTTP ${signIn.status}`);
  return cookie();
}

function codes(result: Result): string {
  return Object.entries(result.statusCodeStats)
    .map(([code, { count }]) => `${code}×${count}`)
    .join(" ");
}

function fivexx(result: Result): number {
  return Object.entries(result.statusCodeStats).reduce((n, [code, { count }]) => n + (code.startsWith("5") ? count : 0), 0);
}

function describe(name: string, result: Result): void {
  console.log(
    `  ${name.padEnd(26)} ${result.requests.total} requests (${result.requests.average.toFixed(0)}/s)  ` +
      `p50 ${result.latency.p50} ms  p97.5 ${result.latency.p97_5} ms  max ${result.latency.max} ms  ` +
      `5xx ${fivexx(result)}  errors ${result.errors}  timeouts ${result.timeouts}  [${codes(result)}]`,
  );
}

interface Probe {
  path: string;
  ms: number[];
  failures: string[];
}

async function probe(base: string, paths: string[], stop: () => boolean): Promise<Probe[]> {
  const probes = paths.map((path) => ({ path, ms: [] as number[], failures: [] as string[] }));
  let n = 0;
  while (!stop()) {
    for (const p of probes) {
      const started = performance.now();
      try {
        // Each probe from its own address: the prober is "another visitor", not the load.
        const response = await fetch(`${base}${p.path}`, { headers: { "x-forwarded-for": `10.6.${n >> 8 & 255}.${n++ & 255}` }, redirect: "manual", signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        p.ms.push(performance.now() - started);
        if (response.status >= 500) p.failures.push(String(response.status));
      } catch (error) {
        p.failures.push(error instanceof Error ? error.name : "error");
      }
    }
    await sleep(1000);
  }
  return probes;
}

const percentile = (values: number[], q: number) => {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
};

export default async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: "string", default: "3740" },
      "data-dir": { type: "string", default: ".data/load-bench" },
      seconds: { type: "string", default: "60" },
      rate: { type: "string", default: "200" },
    },
  });
  const port = Number(values.port);
  const seconds = Number(values.seconds);
  const rate = Number(values.rate);
  const base = `http://127.0.0.1:${port}`;
  await prepareData(values["data-dir"]!);
  const server = await startServer(port, values["data-dir"]!);
  const serverLog: string[] = [];
  server.stderr?.on("data", (chunk: Buffer) => serverLog.push(...chunk.toString("utf8").split("\n").filter(Boolean)));
  try {
    const id = await firstCredentialId(base);
    for (let i = 0; i < 100 && (await fetch(`${base}/api/credentials/${id}`, { headers: { "x-forwarded-for": "10.8.0.1" } })).status !== 200; i++) await sleep(200);
    const cookie = await residentCookie(base);
    console.log(`${rate} req/s for ${seconds} s from loopback (half verify API, half resident pages); load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);

    let done = false;
    const probing = probe(base, ["/", "/verify", `/verify/${encodeURIComponent(id)}`, "/api/health"], () => done);
    const [api, pages] = await Promise.all([
      autocannon({
        url: `${base}/api/credentials/${encodeURIComponent(id)}`,
        connections: 20,
        overallRate: rate / 2,
        duration: seconds,
        timeout: 30,
        // Many visitors, each from its own address: the per-IP limit is measured on its own below.
        requests: [{ method: "GET", setupRequest: spoofedAddress }],
      }),
      autocannon({
        url: base,
        connections: 20,
        overallRate: rate / 2,
        duration: seconds,
        timeout: 30,
        headers: { cookie },
        requests: [{ method: "GET", path: "/resident" }, { method: "GET", path: "/resident/properties" }, { method: "GET", path: "/resident/applications" }, { method: "GET", path: "/resident/access-log" }],
      }),
    ]);
    done = true;
    const probes = await probing;

    console.log("Under load:");
    describe("GET /api/credentials/{id}", api);
    describe("resident pages", pages);
    console.log("Other pages meanwhile (one request per second each, from other addresses):");
    for (const p of probes) {
      console.log(`  ${p.path.padEnd(40)} ${p.ms.length} answers  median ${percentile(p.ms, 0.5).toFixed(0)} ms  p95 ${percentile(p.ms, 0.95).toFixed(0)} ms  max ${Math.max(...p.ms).toFixed(0)} ms  failures ${p.failures.length ? p.failures.join(",") : "none"}`);
    }

    // One address, alone, faster than its limit.
    const single = await autocannon({ url: `${base}/api/credentials/${encodeURIComponent(id)}`, connections: 4, overallRate: 100, duration: Math.min(10, seconds), headers: { "x-forwarded-for": "10.5.5.5" } });
    const limited = single.statusCodeStats["429"]?.count ?? 0;
    console.log(`One address at 100 req/s for ${Math.min(10, seconds)} s: ${limited} answered 429 (per-IP limit) of ${single.requests.total}  [${codes(single)}]`);

    const dbTrouble = serverLog.filter((line) => /pool|too many (clients|connections)|timeout|ECONN|remaining connection slots|\b5\d\d\b/i.test(line));
    console.log(`Server log: ${serverLog.length} lines on stderr; ${dbTrouble.length} mention pool exhaustion, timeouts or 5xx${dbTrouble.length ? ":" : "."}`);
    for (const line of dbTrouble.slice(0, 10)) console.log(`  ${line}`);
  } finally {
    if (server.pid) process.kill(-server.pid, "SIGTERM");
  }
}
