// A department witness (DESIGN.md §5 "Witness cosignatures"): it keeps the last checkpoint
// it cosigned, and cosigns a newer one only after checking the log key's signature, the
// origin, and an RFC 6962 consistency proof from its last one. It refuses — loudly — a
// checkpoint that is smaller than what it cosigned, inconsistent with it (a fork), signed by
// no known log key, or from another origin. Its line is an ordinary Ed25519 signed-note line
// by the department's key over the checkpoint body.
//
// The logic talks to the portal only through WitnessSource: over HTTP to the public API for
// the CLI (lib/cli/witness.ts), or directly for the in-process witnesses (background.ts).
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { Db } from "@/lib/db";
import { ledgerWitnessStates, type DepartmentCode } from "@/lib/db/schema";
import type { CryptoBackend } from "@/lib/crypto/backend";
import { bytesEqual, fromBase64, toBase64, utf8Encode } from "@/lib/crypto/bytes";
import type { PublicKeyInfo } from "./keys";
import { checkTree } from "./merkle";
import { formatSignatureLine, parseCheckpointBody, parseSignedNote, verifyNote } from "./note";
import { signRefusalReport, type RefusalReportBody } from "./refusals";

export interface WitnessState {
  origin: string;
  treeSize: number;
  /** base64 root hash of the last checkpoint cosigned. */
  rootHash: string;
}

export interface WitnessStateStore {
  load(): Promise<WitnessState | null>;
  save(state: WitnessState): Promise<void>;
}

export interface WitnessSource {
  /** The newest log-signed checkpoint (signed-note text), or null while the log is empty. */
  newestCheckpoint(): Promise<string | null>;
  keys(): Promise<PublicKeyInfo[]>;
  consistencyProof(from: number, to: number): Promise<Uint8Array[]>;
  /** Posts the cosignature line; throws with the portal's reason when refused. */
  submit(treeSize: number, line: string): Promise<void>;
  /**
   * Tells the portal about a checkpoint this witness refused (a remote witness's only way to
   * raise the health page's alert); throws with the portal's reason when not accepted.
   * In-process witnesses record refusals in the database directly and leave it out.
   */
  reportRefusal?(body: RefusalReportBody): Promise<void>;
}

export interface WitnessSigner {
  name: string;
  keyHash: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

export type WitnessRefusal = "OTHER_ORIGIN" | "SMALLER" | "INCONSISTENT" | "BAD_LOG_SIGNATURE" | "MALFORMED";

export type WitnessOutcome =
  | { kind: "empty" }
  | { kind: "unchanged"; treeSize: number }
  | { kind: "cosigned"; treeSize: number; firstUse: boolean }
  | { kind: "refused"; reason: WitnessRefusal; message: string; treeSize?: number };

export interface WitnessContext {
  b: CryptoBackend;
  department: DepartmentCode;
  source: WitnessSource;
  state: WitnessStateStore;
  signer: () => Promise<WitnessSigner>;
  /** The origin to accept; default: the one in the state, or the first one seen. */
  origin?: string;
}

function refused(reason: WitnessRefusal, message: string, treeSize?: number): WitnessOutcome {
  return { kind: "refused", reason, message, treeSize };
}

/** Log keys the witness trusts: every `log` key that is not revoked. */
function logKeys(keys: PublicKeyInfo[]): Array<{ name: string; publicKey: Uint8Array }> {
  return keys.filter((k) => k.role === "log" && k.status !== "revoked").map((k) => ({ name: k.name, publicKey: fromBase64(k.publicKey) }));
}

/** One round: fetch the newest checkpoint, check it, cosign it if it is new and consistent. */
export async function witnessOnce(ctx: WitnessContext): Promise<WitnessOutcome> {
  const { b, source } = ctx;
  const text = await source.newestCheckpoint();
  if (text === null) return { kind: "empty" };
  const keys = await source.keys();
  const verified = verifyNote(b, text, logKeys(keys));
  if (!verified.ok) return refused("BAD_LOG_SIGNATURE", `checkpoint is not signed by a known log key (${verified.reason})`);
  const checkpoint = parseCheckpointBody(verified.body);
  if (!checkpoint.ok) return refused("MALFORMED", `checkpoint body is malformed (${checkpoint.reason})`);
  const state = await ctx.state.load();
  const origin = ctx.origin ?? state?.origin;
  if (origin !== undefined && checkpoint.origin !== origin) {
    return refused("OTHER_ORIGIN", `checkpoint origin ${JSON.stringify(checkpoint.origin)} is not ${JSON.stringify(origin)}`, checkpoint.size);
  }
  const signer = await ctx.signer();
  const parsed = parseSignedNote(text);
  const alreadySigned = parsed.ok && parsed.signatures.some((s) => s.name === signer.name && bytesEqual(s.keyHash, signer.keyHash));
  if (state) {
    const oldRoot = fromBase64(state.rootHash);
    if (checkpoint.size < state.treeSize) {
      return refused("SMALLER", `checkpoint size ${checkpoint.size} is smaller than ${state.treeSize}, which this witness already cosigned: the log went back`, checkpoint.size);
    }
    if (checkpoint.size === state.treeSize) {
      if (!bytesEqual(checkpoint.rootHash, oldRoot)) {
        return refused("INCONSISTENT", `checkpoint of size ${checkpoint.size} has root ${toBase64(checkpoint.rootHash)}, but this witness cosigned root ${state.rootHash} at that size: the log forked`, checkpoint.size);
      }
      if (alreadySigned) return { kind: "unchanged", treeSize: checkpoint.size };
    } else {
      const proof = await source.consistencyProof(state.treeSize, checkpoint.size);
      if (!checkTree(b, proof, checkpoint.size, checkpoint.rootHash, state.treeSize, oldRoot)) {
        return refused("INCONSISTENT", `consistency proof from size ${state.treeSize} to ${checkpoint.size} does not verify: the new tree does not extend the one this witness cosigned`, checkpoint.size);
      }
    }
  }
  // Remember the view first: once cosigned, the witness must never accept a fork of it.
  await ctx.state.save({ origin: checkpoint.origin, treeSize: checkpoint.size, rootHash: toBase64(checkpoint.rootHash) });
  if (!alreadySigned) {
    const line = formatSignatureLine(signer.name, signer.keyHash, signer.sign(utf8Encode(verified.body)));
    await source.submit(checkpoint.size, line);
  }
  return { kind: "cosigned", treeSize: checkpoint.size, firstUse: state === null };
}

/**
 * Reports a refusal to the portal, signed by the witness's department key, so the health page
 * raises the alert. Returns false when the source cannot take reports.
 */
export async function reportRefusal(
  ctx: Pick<WitnessContext, "department" | "source" | "signer">,
  outcome: Extract<WitnessOutcome, { kind: "refused" }>,
  now: Date = new Date(),
): Promise<boolean> {
  if (!ctx.source.reportRefusal) return false;
  const signer = await ctx.signer();
  const body = signRefusalReport(signer, {
    department: ctx.department,
    reason: outcome.reason,
    message: outcome.message.slice(0, 400),
    treeSize: outcome.treeSize ?? null,
    time: now.toISOString(),
  });
  await ctx.source.reportRefusal(body);
  return true;
}

/** A refusal is worth shouting about: a witness that saw a fork must be noticed by people. */
export function refusalBanner(department: string, outcome: Extract<WitnessOutcome, { kind: "refused" }>): string {
  const bar = "!".repeat(78);
  return `${bar}\n!! WITNESS ${department.toUpperCase()} REFUSES TO COSIGN (${outcome.reason})\n!! ${outcome.message}\n${bar}`;
}

/** State in a JSON file, replaced atomically (write to a temporary file, then rename). */
export function fileStateStore(file: string): WitnessStateStore {
  return {
    async load() {
      if (!existsSync(file)) return null;
      const data = JSON.parse(readFileSync(file, "utf8")) as Partial<WitnessState>;
      if (typeof data.origin !== "string" || !Number.isSafeInteger(data.treeSize) || typeof data.rootHash !== "string") {
        throw new Error(`${file} is not a witness state file ({origin, treeSize, rootHash})`);
      }
      return { origin: data.origin, treeSize: data.treeSize!, rootHash: data.rootHash };
    },
    async save(state) {
      mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      writeFileSync(temporary, JSON.stringify({ ...state, savedAt: new Date().toISOString() }, null, 2) + "\n", { mode: 0o600 });
      renameSync(temporary, file);
    },
  };
}

/** State of an in-process witness in the database (its own table, one row per department). */
export function dbStateStore(db: Db, department: DepartmentCode): WitnessStateStore {
  return {
    async load() {
      const [row] = await db.select().from(ledgerWitnessStates).where(eq(ledgerWitnessStates.department, department));
      return row ? { origin: row.origin, treeSize: Number(row.treeSize), rootHash: row.rootHash } : null;
    },
    async save(state) {
      const values = { origin: state.origin, treeSize: state.treeSize, rootHash: state.rootHash, updatedAt: new Date() };
      await db
        .insert(ledgerWitnessStates)
        .values({ department, ...values })
        .onConflictDoUpdate({ target: ledgerWitnessStates.department, set: values });
    },
  };
}

/** A WitnessSource over the portal's public HTTP API (what a remote witness uses). */
export function httpWitnessSource(baseUrl: string, fetchImpl: typeof fetch = fetch): WitnessSource {
  const url = (p: string) => new URL(p, baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`).toString();
  const failure = async (response: Response, what: string) => {
    let reason = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: string };
      if (body.error) reason += `: ${body.error}`;
    } catch {
      // not JSON: the status says enough
    }
    return new Error(`${what} failed (${reason})`);
  };
  return {
    async newestCheckpoint() {
      const response = await fetchImpl(url("api/ledger/checkpoint/newest"), { cache: "no-store" });
      if (response.status === 404) return null;
      if (!response.ok) throw await failure(response, "GET checkpoint/newest");
      return response.text();
    },
    async keys() {
      const response = await fetchImpl(url("api/ledger/keys"), { cache: "no-store" });
      if (!response.ok) throw await failure(response, "GET keys");
      return (await response.json()) as PublicKeyInfo[];
    },
    async consistencyProof(from, to) {
      const response = await fetchImpl(url(`api/ledger/proof/consistency?from=${from}&to=${to}`));
      if (!response.ok) throw await failure(response, `GET consistency proof ${from}→${to}`);
      const body = (await response.json()) as { from: number; to: number; proof: string[] };
      if (body.from !== from || body.to !== to || !Array.isArray(body.proof)) throw new Error("consistency proof answer is malformed");
      return body.proof.map((h) => fromBase64(h));
    },
    async submit(treeSize, line) {
      const response = await fetchImpl(url("api/ledger/cosignatures"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ treeSize, line }),
      });
      if (!response.ok) throw await failure(response, "POST cosignature");
    },
    async reportRefusal(body) {
      const response = await fetchImpl(url("api/ledger/witness-refusals"), {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw await failure(response, "POST witness refusal");
    },
  };
}
