// `npm run witness -- --department tax [--url http://127.0.0.1:3000] [--once]
//   [--state-file FILE] [--key-file FILE] [--interval MS] [--origin ORIGIN]`
//
// A department's witness (DESIGN.md §5). It talks to the portal only through the public
// API: it fetches the newest checkpoint, checks the log signature, the origin and a
// consistency proof from the last checkpoint it cosigned (kept in its state file), and
// posts its cosignature to POST /api/ledger/cosignatures. It refuses, loudly, a checkpoint
// that is smaller, inconsistent, or from another origin, and reports each new refusal to
// POST /api/ledger/witness-refusals (signed by its key) so the portal's health page alerts.
//
// The department key: --key-file (JSON {"name", "seed"} with the base64 Ed25519 seed, as
// `npm run ledger -- export-witness-key --department tax` writes it), by default
// DATA_DIR/witness/<department>.key.json. Without that file and with DATABASE_URL set, the
// key is read (sealed) from the database and opened with the master key.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEPARTMENT_CODES, type DepartmentCode } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { fromBase64 } from "@/lib/crypto/bytes";
import { publicKeyFromSeed, ed25519Signer } from "@/lib/crypto/ed25519-node";
import { noteKeyHash } from "@/lib/ledger/note";
import { fileStateStore, httpWitnessSource, refusalBanner, reportRefusal, witnessOnce, type WitnessSigner } from "@/lib/ledger/witness";

const usage = `usage: npm run witness -- --department <${DEPARTMENT_CODES.join("|")}> [--url URL] [--once]
       [--state-file FILE] [--key-file FILE] [--interval MS] [--origin ORIGIN]`;

const { values } = parseArgs({
  options: {
    department: { type: "string" },
    url: { type: "string" },
    once: { type: "boolean", default: false },
    "state-file": { type: "string" },
    "key-file": { type: "string" },
    interval: { type: "string", default: "500" },
    origin: { type: "string" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(usage);
  process.exit(0);
}
const department = z.enum(DEPARTMENT_CODES).safeParse(values.department);
if (!department.success) {
  console.error(`--department must be one of ${DEPARTMENT_CODES.join(", ")}\n${usage}`);
  process.exit(2);
}
const code: DepartmentCode = department.data;
const interval = Number(values.interval);
if (!Number.isInteger(interval) || interval < 50) {
  console.error("--interval must be an integer number of milliseconds, at least 50");
  process.exit(2);
}
const baseUrl = values.url ?? `http://127.0.0.1:${env.PORT}`;
const stateFile = values["state-file"] ?? path.join(env.DATA_DIR, "witness", `${code}.state.json`);
const keyFile = values["key-file"] ?? path.join(env.DATA_DIR, "witness", `${code}.key.json`);

const keyFileSchema = z.object({ name: z.string().min(1), seed: z.string().min(1) });

async function loadSigner(): Promise<() => Promise<WitnessSigner>> {
  if (existsSync(keyFile)) {
    const parsed = keyFileSchema.safeParse(JSON.parse(readFileSync(keyFile, "utf8")));
    if (!parsed.success) throw new Error(`${keyFile} must hold {"name": "<key name>", "seed": "<base64 32-byte seed>"}`);
    const seed = fromBase64(parsed.data.seed);
    if (seed.length !== 32) throw new Error(`${keyFile}: the seed must be 32 bytes`);
    const signer: WitnessSigner = {
      name: parsed.data.name,
      keyHash: noteKeyHash(nodeBackend, parsed.data.name, publicKeyFromSeed(seed)),
      sign: ed25519Signer(seed),
    };
    return async () => signer;
  }
  if (!env.DATABASE_URL) {
    throw new Error(
      `no key file at ${keyFile}. Export one with \`npm run ledger -- export-witness-key --department ${code}\` ` +
        "(with the portal stopped when it runs on the embedded database), or pass --key-file.",
    );
  }
  // Same machine as the database: read the active key (it follows rotations).
  const { openDb } = await import("@/lib/db");
  const { activeSigningKey } = await import("@/lib/ledger/keys");
  const handle = await openDb();
  return () => activeSigningKey(handle.db, code, "department");
}

const signer = await loadSigner().catch((error: Error) => {
  console.error(`witness ${code}: ${error.message}`);
  process.exit(1);
});

const source = httpWitnessSource(baseUrl);
const state = fileStateStore(stateFile);
console.log(`witness ${code}: watching ${baseUrl} (state ${stateFile})`);

let lastReport = "";
async function round(): Promise<number> {
  try {
    const outcome = await witnessOnce({ b: nodeBackend, department: code, source, state, signer, origin: values.origin });
    let report: string;
    switch (outcome.kind) {
      case "empty":
        report = "the ledger is empty; nothing to cosign yet";
        break;
      case "unchanged":
        report = `already cosigned size ${outcome.treeSize}`;
        break;
      case "cosigned":
        report = `cosigned size ${outcome.treeSize}${outcome.firstUse ? " (first checkpoint seen: trusted on first use)" : ""}`;
        break;
      case "refused":
        report = refusalBanner(code, outcome);
        if (report !== lastReport) {
          console.error(report);
          // Once per new refusal: the portal's health page raises the alert for people there.
          await reportRefusal({ department: code, source, signer }, outcome).then(
            () => console.error(`witness ${code}: refusal reported to ${baseUrl}`),
            (error: Error) => console.error(`witness ${code}: could not report the refusal to the portal: ${error.message}`),
          );
        }
        lastReport = report;
        return 3;
    }
    if (report !== lastReport || outcome.kind === "cosigned") console.log(`witness ${code}: ${report}`);
    lastReport = report;
    return 0;
  } catch (error) {
    const report = `witness ${code}: ${(error as Error).message}`;
    if (report !== lastReport) console.error(report);
    lastReport = report;
    return 1;
  }
}

if (values.once) {
  process.exit(await round());
}
for (;;) {
  await round();
  await new Promise((resolve) => setTimeout(resolve, interval));
}
