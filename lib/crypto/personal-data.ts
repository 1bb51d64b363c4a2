// Personal data at rest: AES-256-GCM envelope encryption with one data key per department,
// each data key wrapped by the master key (DESIGN.md §7). References to people that must
// appear elsewhere (the ledger, lookups) are keyed HMACs, never plain hashes: ID numbers
// are guessable.
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { departmentDataKeys, type DepartmentCode } from "@/lib/db/schema";
import { deriveKey } from "./master-key";

const SEALED_PREFIX = "gcm1";

/** AES-256-GCM with `aad` bound in; also used to seal the ledger's private signing keys. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${SEALED_PREFIX}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

export function open(key: Buffer, sealed: string, aad: string): Buffer {
  const [prefix, ivText, bodyText] = sealed.split(".");
  if (prefix !== SEALED_PREFIX || !ivText || !bodyText) throw new Error("not a sealed value");
  const body = Buffer.from(bodyText, "base64url");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(ivText, "base64url"));
  decipher.setAAD(Buffer.from(aad, "utf8"));
  decipher.setAuthTag(body.subarray(body.length - 16));
  return Buffer.concat([decipher.update(body.subarray(0, body.length - 16)), decipher.final()]);
}

const keyCache = new Map<DepartmentCode, Buffer>();

/** The department's data key, created (and stored wrapped) on first use. */
export async function departmentDataKey(q: Queryable, department: DepartmentCode): Promise<Buffer> {
  const hit = keyCache.get(department);
  if (hit) return hit;
  const wrapKey = deriveKey("wrap-data-keys");
  const [row] = await q.select().from(departmentDataKeys).where(eq(departmentDataKeys.department, department));
  let key: Buffer;
  if (row) {
    key = open(wrapKey, row.wrappedKey, `data-key:${department}`);
  } else {
    key = randomBytes(32);
    await q
      .insert(departmentDataKeys)
      .values({ department, wrappedKey: seal(wrapKey, key, `data-key:${department}`) })
      .onConflictDoNothing();
    // Another process may have won the race: use whatever is stored.
    const [stored] = await q.select().from(departmentDataKeys).where(eq(departmentDataKeys.department, department));
    key = open(wrapKey, stored!.wrappedKey, `data-key:${department}`);
  }
  keyCache.set(department, key);
  return key;
}

/** Encrypts one personal field for a department. `field` binds the ciphertext to its column. */
export async function encryptPersonal(q: Queryable, department: DepartmentCode, field: string, plaintext: string): Promise<string> {
  return seal(await departmentDataKey(q, department), Buffer.from(plaintext, "utf8"), `${department}:${field}`);
}

export async function decryptPersonal(q: Queryable, department: DepartmentCode, field: string, sealed: string): Promise<string> {
  return open(await departmentDataKey(q, department), sealed, `${department}:${field}`).toString("utf8");
}

/**
 * Keyed reference to a person or value (`kind` e.g. "resident-id", "phone"): stable, so
 * records can be joined, but useless to anyone without the master key. Base64url.
 */
export function personalRef(kind: string, value: string): string {
  return createHmac("sha256", deriveKey("personal-ref")).update(`${kind}\n${value}`, "utf8").digest("base64url");
}

/** For tests that swap master keys. */
export function clearDataKeyCache(): void {
  keyCache.clear();
}
