// `npm run ledger -- <command>`: the operator's ledger tools.
//
//   verify [--batch N] [--workers N] [--all-checkpoints]
//                                      (--workers: signature threads, default one per core, 0 = inline)
//                                      re-check every entry, signature, prev link, stored tree
//                                      hash and the root against the newest and the newest
//                                      witnessed checkpoint; exit 1 naming the first bad seq
//   status                             size, newest and witnessed checkpoint, cosigners
//   keys                               the key list (as /api/ledger/keys serves it)
//   publish                            publish a checkpoint for the current tree now
//   rotate --department D [--actor A] [--reason R]
//                                      rotate a department key (a key.rotated ledger entry)
//   export-witness-key --department D [--out FILE]
//                                      write the department key for `npm run witness`
//
// On the embedded database (no DATABASE_URL) stop the portal first: PGlite allows one
// process per data folder.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import { z } from "zod";
import { getDbHandle } from "@/lib/db";
import { DEPARTMENT_CODES } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { toBase64 } from "@/lib/crypto/bytes";
import { latestCheckpoint, newestCheckpoint, publishCheckpoint } from "@/lib/ledger/checkpoints";
import { activeKeyRow, ensureLedgerKeys, listLedgerKeys, openSeed, publicKeyInfo, rotateDepartmentKey, signingKeyFromRow } from "@/lib/ledger/keys";
import { createSignatureWorkerPool } from "@/lib/ledger/audit-workers";
import { postgresLedgerStore } from "@/lib/ledger/store";
import { verifyLedger, type SignatureVerifier } from "@/lib/ledger/verify";

const usage = `usage: npm run ledger -- verify [--batch N] [--workers N] [--all-checkpoints]
       npm run ledger -- status | keys | publish
       npm run ledger -- rotate --department <code> [--actor REF] [--reason CODE]
       npm run ledger -- export-witness-key --department <code> [--out FILE]`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    department: { type: "string" },
    actor: { type: "string", default: "system:ledger-cli" },
    reason: { type: "string" },
    out: { type: "string" },
    batch: { type: "string", default: "5000" },
    workers: { type: "string" },
    "all-checkpoints": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

const command = positionals[0];
if (values.help || !command) {
  console.log(usage);
  process.exit(command || values.help ? 0 : 2);
}

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

function departmentOption() {
  const parsed = z.enum(DEPARTMENT_CODES).safeParse(values.department);
  if (!parsed.success) fail(`--department must be one of ${DEPARTMENT_CODES.join(", ")}`);
  return parsed.data;
}

const handle = await getDbHandle();
const db = handle.db;

/** Signature checks on worker threads (audit-workers.ts); 0 threads verifies inline. */
function signatureVerifier(threads: number): (SignatureVerifier & { close(): Promise<void> }) | undefined {
  if (threads <= 0) return undefined;
  const pool = createSignatureWorkerPool(threads);
  return { verify: (batch) => pool.verify(batch.checks), close: () => pool.close() };
}

try {
  switch (command) {
    case "verify": {
      const batchSize = Number(values.batch);
      if (!Number.isInteger(batchSize) || batchSize < 1) fail("--batch must be a positive integer");
      const workers = values.workers === undefined ? availableParallelism() : Number(values.workers);
      if (!Number.isInteger(workers) || workers < 0) fail("--workers must be a non-negative integer");
      const verifier = signatureVerifier(workers);
      let lastPrinted = 0;
      const result = await verifyLedger(db, {
        batchSize,
        signatures: verifier,
        allCheckpoints: values["all-checkpoints"],
        onProgress: (n) => {
          if (n - lastPrinted >= 100_000) {
            console.log(`  … ${n} entries checked`);
            lastPrinted = n;
          }
        },
      });
      await verifier?.close();
      for (const warning of result.warnings) console.log(`warning: ${warning}`);
      const describe = (label: string, c?: { treeSize: number; logKey: string; cosigners: string[]; witnessed: boolean }) =>
        c && console.log(`${label}: size ${c.treeSize}, signed by ${c.logKey}, ${c.cosigners.length} cosignature(s)${c.witnessed ? " (witnessed)" : ""}`);
      describe("newest checkpoint", result.newest);
      describe("witnessed checkpoint", result.witnessed);
      const rate = result.seconds > 0 ? Math.round(result.entries / result.seconds) : result.entries;
      if (result.ok) {
        console.log(`OK: ${result.entries} entries verified in ${result.seconds.toFixed(2)} s (${rate}/s)`);
        break;
      }
      const problem = result.problem!;
      if (problem.kind === "checkpoint") console.error(`FAIL: checkpoint of size ${problem.treeSize}: ${problem.reason}: ${problem.detail}`);
      else console.error(`FAIL: seq ${problem.seq}: ${problem.reason}: ${problem.detail}`);
      process.exitCode = 1;
      break;
    }
    case "status": {
      const size = await postgresLedgerStore(db).treeSize();
      const newest = await newestCheckpoint(db);
      const witnessed = await latestCheckpoint(db);
      console.log(`entries: ${size}`);
      console.log(newest ? `newest checkpoint: size ${newest.treeSize}, cosigned by ${newest.cosigners.join(", ") || "nobody yet"}` : "newest checkpoint: none");
      console.log(
        witnessed?.witnessed
          ? `witnessed checkpoint (quorum ${env.WITNESS_QUORUM}): size ${witnessed.treeSize}`
          : `witnessed checkpoint: none reached the quorum of ${env.WITNESS_QUORUM} yet`,
      );
      break;
    }
    case "keys": {
      await ensureLedgerKeys(db);
      console.log(JSON.stringify((await listLedgerKeys(db)).map(publicKeyInfo), null, 2));
      break;
    }
    case "publish": {
      await ensureLedgerKeys(db);
      const size = await publishCheckpoint(db);
      console.log(size === null ? "nothing new to publish" : `published checkpoint of size ${size}`);
      break;
    }
    case "rotate": {
      const department = departmentOption();
      if (values.reason !== undefined && !/^[a-z0-9_.-]{1,64}$/.test(values.reason)) {
        fail("--reason is a short code (a-z, 0-9, _ . -), e.g. scheduled or key-compromise: ledger payloads carry no free text");
      }
      await ensureLedgerKeys(db);
      const result = await db.transaction((tx) => rotateDepartmentKey(tx, { department, actor: values.actor!, reason: values.reason }));
      await publishCheckpoint(db);
      console.log(`rotated ${department}: ${result.retired} retired, ${result.activated} active (ledger entry ${result.seq})`);
      console.log(`witnesses of ${department} that use a key file need the new key: npm run ledger -- export-witness-key --department ${department}`);
      break;
    }
    case "export-witness-key": {
      const department = departmentOption();
      await ensureLedgerKeys(db);
      const row = await activeKeyRow(db, department, "department");
      if (!row) fail(`no active department key for ${department}`, 1);
      const signer = signingKeyFromRow(row);
      const seed = openSeed(row);
      const out = values.out ?? path.join(env.DATA_DIR, "witness", `${department}.key.json`);
      mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
      writeFileSync(out, JSON.stringify({ name: signer.name, seed: toBase64(seed), publicKey: row.publicKey }, null, 2) + "\n", { mode: 0o600 });
      console.log(`wrote ${out} (key ${signer.name}); keep it as secret as the department's signing key`);
      break;
    }
    default:
      fail(`unknown command ${JSON.stringify(command)}\n${usage}`);
  }
} finally {
  await handle.close();
}
