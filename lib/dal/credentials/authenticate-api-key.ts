// Institution API keys on the way in: `Authorization: Bearer dck_…` → the live key's row.
// Keys are 256 random bits, stored as SHA-256 only (create-api-key.ts): an unsalted hash is
// enough (nothing to guess) and lets a lookup find the row by index.
import { createHash, timingSafeEqual } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Queryable } from "@/lib/db";
import { institutionApiKeys, type InstitutionKind } from "@/lib/db/schema";

export const API_KEY_PREFIX = "dck_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("base64url");
}

export interface ApiKeyHolder {
  keyId: string;
  institution: string;
  kind: InstitutionKind;
}

/** The live key a bearer token names, or null (unknown, revoked or malformed). */
export async function authenticateApiKey(q: Queryable, bearer: string): Promise<ApiKeyHolder | null> {
  if (!bearer.startsWith(API_KEY_PREFIX) || bearer.length > 200) return null;
  const hash = hashApiKey(bearer);
  const [row] = await q.select().from(institutionApiKeys).where(eq(institutionApiKeys.keyHash, hash));
  if (!row || row.revokedAt) return null;
  // The index found it by hash; compare again in constant time for good measure.
  if (!timingSafeEqual(Buffer.from(row.keyHash), Buffer.from(hash))) return null;
  return { keyId: row.id, institution: row.institution, kind: row.kind };
}
