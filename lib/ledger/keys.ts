// The ledger's Ed25519 signing keys (DESIGN.md §5 "Keys"): one `log` key (department
// registry) that signs checkpoints, one `department` key per department that signs its
// entries and its witness cosignatures, and one `credential` key for SD-JWT credentials.
// Generated on first start; private seeds are sealed (AES-256-GCM) with a key derived from
// the master key. Rotation retires the old key (validUntil) and activates a new one, and is
// itself a ledger entry, so old entries keep verifying under the key valid at their time.
import { and, eq, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "@/lib/db";
import { DEPARTMENT_CODES, ledgerKeys, type DepartmentCode, type LedgerKeyRole, type LedgerKeyStatus } from "@/lib/db/schema";
import { nodeBackend } from "@/lib/crypto/backend-node";
import { fromBase64, toBase64, utf8Encode } from "@/lib/crypto/bytes";
import { generateEd25519, publicKeyFromSeed, ed25519Signer } from "@/lib/crypto/ed25519-node";
import { deriveKey } from "@/lib/crypto/master-key";
import { open, seal } from "@/lib/crypto/personal-data";
import { appendEntry, lockHead, bumpKeyEpoch, nextEntryTime } from "./append";
import { noteKeyHash, verifierKey } from "./note";

export interface LedgerKey {
  name: string;
  department: DepartmentCode;
  role: LedgerKeyRole;
  status: LedgerKeyStatus;
  publicKey: Uint8Array;
  validFrom: Date;
  validUntil: Date | null;
}

export interface SigningKey extends LedgerKey {
  /** First 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ publicKey): the signed-note key hash. */
  keyHash: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** The shape `/api/ledger/keys` serves (normative). */
export interface PublicKeyInfo {
  name: string;
  department: DepartmentCode;
  role: LedgerKeyRole;
  status: LedgerKeyStatus;
  publicKey: string;
  verifierKey: string;
  validFrom: string;
  validUntil: string | null;
}

/** Contract name of the ledger's own entries (key rotation). */
export const LEDGER_CONTRACT = "ledger@1";

function sealAad(name: string, publicKey: string): string {
  return `ledger-key:${name}:${publicKey}`;
}

function sealingKey(): Buffer {
  return deriveKey("ledger-signing-keys");
}

/** Key name: `deedchain-<department|log|credential>-<year><a, b, …>`, e.g. deedchain-tax-2026a. */
export function ledgerKeyName(role: LedgerKeyRole, department: DepartmentCode, year: number, ordinal: number): string {
  const stem = role === "department" ? department : role;
  // Bijective base 26: 0 → a, 25 → z, 26 → aa.
  let suffix = "";
  let n = ordinal + 1;
  while (n > 0) {
    n -= 1;
    suffix = String.fromCharCode(97 + (n % 26)) + suffix;
    n = Math.floor(n / 26);
  }
  return `deedchain-${stem}-${year}${suffix}`;
}

type KeyRow = typeof ledgerKeys.$inferSelect;

function toLedgerKey(row: KeyRow): LedgerKey {
  return {
    name: row.name,
    department: row.department,
    role: row.role,
    status: row.status,
    publicKey: fromBase64(row.publicKey),
    validFrom: row.validFrom,
    validUntil: row.validUntil,
  };
}

// Unsealing is cheap but not free; a name + public key pair identifies a seed for good
// (rows are immutable apart from status), even across the many databases of a test run.
const signerCache = new Map<string, SigningKey>();

/** The private seed of a stored key (for exporting a witness key file; handle with care). */
export function openSeed(row: Pick<KeyRow, "name" | "publicKey" | "sealedSeed">): Uint8Array {
  return new Uint8Array(open(sealingKey(), row.sealedSeed, sealAad(row.name, row.publicKey)));
}

/** The signer for a stored key row (its sealed seed opened with the master key). */
export function signingKeyFromRow(row: KeyRow): SigningKey {
  const cacheId = `${row.name}\n${row.publicKey}`;
  const hit = signerCache.get(cacheId);
  if (hit) return { ...hit, status: row.status, validUntil: row.validUntil };
  const seed = openSeed(row);
  const publicKey = fromBase64(row.publicKey);
  const derived = publicKeyFromSeed(seed);
  if (toBase64(derived) !== row.publicKey) throw new Error(`ledger key ${row.name}: sealed seed does not match its public key`);
  const signer: SigningKey = {
    ...toLedgerKey(row),
    publicKey,
    keyHash: noteKeyHash(nodeBackend, row.name, publicKey),
    sign: ed25519Signer(seed),
  };
  signerCache.set(cacheId, signer);
  return signer;
}

export function publicKeyInfo(key: LedgerKey): PublicKeyInfo {
  return {
    name: key.name,
    department: key.department,
    role: key.role,
    status: key.status,
    publicKey: toBase64(key.publicKey),
    verifierKey: verifierKey(nodeBackend, key.name, key.publicKey),
    validFrom: key.validFrom.toISOString(),
    validUntil: key.validUntil ? key.validUntil.toISOString() : null,
  };
}

/** Every key ever used, oldest first (the public list includes retired and revoked keys). */
export async function listLedgerKeys(q: Queryable): Promise<LedgerKey[]> {
  const rows = await q.select().from(ledgerKeys).orderBy(ledgerKeys.validFrom, ledgerKeys.name);
  return rows.map(toLedgerKey);
}

/** The active key of a role for a department, or null. */
export async function activeKeyRow(q: Queryable, department: DepartmentCode, role: LedgerKeyRole): Promise<KeyRow | null> {
  const [row] = await q
    .select()
    .from(ledgerKeys)
    .where(and(eq(ledgerKeys.department, department), eq(ledgerKeys.role, role), eq(ledgerKeys.status, "active")));
  return row ?? null;
}

export async function activeSigningKey(q: Queryable, department: DepartmentCode, role: LedgerKeyRole): Promise<SigningKey> {
  const row = await activeKeyRow(q, department, role);
  if (!row) throw new Error(`no active ${role} key for ${department}: run the portal once (keys are generated on first start)`);
  return signingKeyFromRow(row);
}

/** Active department keys by department: what appends sign with. */
export async function activeDepartmentSigners(q: Queryable): Promise<Map<DepartmentCode, SigningKey>> {
  const rows = await q
    .select()
    .from(ledgerKeys)
    .where(and(eq(ledgerKeys.role, "department"), eq(ledgerKeys.status, "active")));
  return new Map(rows.map((row) => [row.department, signingKeyFromRow(row)]));
}

function newKeyRow(role: LedgerKeyRole, department: DepartmentCode, name: string, validFrom: Date) {
  const { publicKey, seed } = generateEd25519();
  const publicKeyText = toBase64(publicKey);
  return {
    name,
    department,
    role,
    status: "active" as const,
    publicKey: publicKeyText,
    sealedSeed: seal(sealingKey(), Buffer.from(seed), sealAad(name, publicKeyText)),
    validFrom,
  };
}

async function keysCountForYear(tx: Tx, role: LedgerKeyRole, department: DepartmentCode, year: number): Promise<number> {
  const prefix = ledgerKeyName(role, department, year, 0).slice(0, -1);
  const rows = await tx
    .select({ name: ledgerKeys.name })
    .from(ledgerKeys)
    .where(and(eq(ledgerKeys.role, role), eq(ledgerKeys.department, department), sql`${ledgerKeys.name} like ${prefix + "%"}`));
  return rows.length;
}

/** Keys a fresh install needs: (role, department) pairs. */
export function requiredKeys(): { role: LedgerKeyRole; department: DepartmentCode }[] {
  return [
    { role: "log", department: "registry" },
    { role: "credential", department: "registry" },
    ...DEPARTMENT_CODES.map((department) => ({ role: "department" as const, department })),
  ];
}

/**
 * Generates every missing key (first start). Idempotent and safe to run from several
 * processes at once: it holds the ledger head lock, which appends and rotations also take.
 * Returns the names it created.
 */
export async function ensureLedgerKeys(db: Db): Promise<string[]> {
  // Fast path without the lock: everything is there on every start but the first.
  const present = await db
    .select({ role: ledgerKeys.role, department: ledgerKeys.department })
    .from(ledgerKeys)
    .where(eq(ledgerKeys.status, "active"));
  const has = (role: LedgerKeyRole, department: DepartmentCode) => present.some((k) => k.role === role && k.department === department);
  if (requiredKeys().every((k) => has(k.role, k.department))) return [];
  return db.transaction(async (tx) => {
    const head = await lockHead(tx);
    const created: string[] = [];
    const validFrom = nextEntryTime(head, undefined);
    for (const { role, department } of requiredKeys()) {
      if (await activeKeyRow(tx, department, role)) continue;
      const year = validFrom.getUTCFullYear();
      const name = ledgerKeyName(role, department, year, await keysCountForYear(tx, role, department, year));
      await tx.insert(ledgerKeys).values(newKeyRow(role, department, name, validFrom));
      created.push(name);
    }
    if (created.length > 0) await bumpKeyEpoch(tx);
    return created;
  });
}

/** The text an outgoing department key signs to endorse its successor. */
export function rotationEndorsementMessage(department: DepartmentCode, retired: string, activated: string, publicKey: string): Uint8Array {
  return utf8Encode(`deedchain key rotation\n${department}\n${retired}\n${activated}\n${publicKey}\n`);
}

export interface RotationResult {
  department: DepartmentCode;
  retired: string;
  activated: string;
  seq: number;
}

/**
 * Rotates a department's key inside the caller's transaction: the old key is retired with
 * validUntil = the rotation time, the new key is valid from then, and a `key.rotated`
 * entry, signed by the new key, records both public keys plus the old key's endorsement of
 * the new one. Entries before the rotation keep verifying under the old key.
 */
export async function rotateDepartmentKey(
  tx: Tx,
  input: { department: DepartmentCode; actor: string; reason?: string },
): Promise<RotationResult> {
  const head = await lockHead(tx);
  const oldRow = await activeKeyRow(tx, input.department, "department");
  if (!oldRow) throw new Error(`no active department key for ${input.department}`);
  const oldSigner = signingKeyFromRow(oldRow);
  // Strictly after the last entry, so every earlier entry falls inside the old key's window.
  const at = nextEntryTime(head, undefined, 1);
  const year = at.getUTCFullYear();
  const name = ledgerKeyName("department", input.department, year, await keysCountForYear(tx, "department", input.department, year));
  const row = newKeyRow("department", input.department, name, at);
  await tx.update(ledgerKeys).set({ status: "retired", validUntil: at }).where(eq(ledgerKeys.name, oldRow.name));
  await tx.insert(ledgerKeys).values(row);
  await bumpKeyEpoch(tx);
  const endorsement = oldSigner.sign(rotationEndorsementMessage(input.department, oldRow.name, name, row.publicKey));
  const appended = await appendEntry(tx, {
    type: "key.rotated",
    contract: LEDGER_CONTRACT,
    department: input.department,
    actor: input.actor,
    subject: `ledger-key:${input.department}:department`,
    payload: {
      role: "department",
      retired: { name: oldRow.name, publicKey: oldRow.publicKey, validUntil: at.toISOString() },
      activated: { name, publicKey: row.publicKey, validFrom: at.toISOString() },
      endorsement: toBase64(endorsement),
      ...(input.reason ? { reason: input.reason } : {}),
    },
    time: at,
  });
  return { department: input.department, retired: oldRow.name, activated: name, seq: appended.seq };
}
