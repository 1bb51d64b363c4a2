// Institution API keys: created and revoked by a senior admin (permission
// `institution.manage`), shown once, stored as SHA-256 only. Keys are 256 random bits, so
// an unsalted hash is enough (nothing to guess) and lets a lookup find the row by index.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Db, Queryable } from "@/lib/db";
import { INSTITUTION_KINDS, institutionApiKeys, type InstitutionKind } from "@/lib/db/schema";
import { appendEntry } from "@/lib/ledger/append";
import { CREDENTIAL_CONTRACT } from "./issue-credential";

const KEY_PREFIX = "dck_";

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("base64url");
}

export interface ApiKeyHolder {
  keyId: string;
  institution: string;
  kind: InstitutionKind;
}

export type ApiKeyError = { ok: false; status: 403 | 404 | 400; error: string };

const createSchema = z.object({
  institution: z.string().trim().min(2).max(100),
  kind: z.enum(INSTITUTION_KINDS),
});

/**
 * Creates a key for an institution; the only time the key itself is ever returned. The
 * creation is a ledger entry (no key material: its id and the institution).
 */
export async function createApiKey(db: Db, actor: Actor, input: z.input<typeof createSchema>): Promise<{ ok: true; keyId: string; key: string } | ApiKeyError> {
  if (!can(actor, "institution.manage")) return { ok: false, status: 403, error: "Only a senior admin manages institution API keys." };
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const key = `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
  const keyId = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(institutionApiKeys)
      .values({ institution: parsed.data.institution, kind: parsed.data.kind, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 10), createdBy: actor.userId })
      .returning({ id: institutionApiKeys.id });
    await appendEntry(tx, {
      type: "institution_key.created",
      contract: CREDENTIAL_CONTRACT,
      department: "registry",
      actor: actor.userId,
      subject: row!.id,
      payload: { keyId: row!.id, institution: parsed.data.institution, kind: parsed.data.kind },
    });
    return row!.id;
  });
  return { ok: true, keyId, key };
}

export async function revokeApiKey(db: Db, actor: Actor, keyId: string): Promise<{ ok: true } | ApiKeyError> {
  if (!can(actor, "institution.manage")) return { ok: false, status: 403, error: "Only a senior admin manages institution API keys." };
  if (!z.uuid().safeParse(keyId).success) return { ok: false, status: 404, error: "There is no API key with that id." };
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(institutionApiKeys)
      .set({ revokedAt: new Date(), revokedBy: actor.userId })
      .where(and(eq(institutionApiKeys.id, keyId), isNull(institutionApiKeys.revokedAt)))
      .returning({ id: institutionApiKeys.id });
    if (revoked.length === 0) return { ok: false, status: 404, error: "There is no live API key with that id (already revoked?)." } as const;
    await appendEntry(tx, {
      type: "institution_key.revoked",
      contract: CREDENTIAL_CONTRACT,
      department: "registry",
      actor: actor.userId,
      subject: keyId,
      payload: { keyId },
    });
    return { ok: true } as const;
  });
}

export async function listApiKeys(q: Queryable, actor: Actor) {
  if (!can(actor, "institution.manage")) return [];
  return q
    .select({
      id: institutionApiKeys.id,
      institution: institutionApiKeys.institution,
      kind: institutionApiKeys.kind,
      keyPrefix: institutionApiKeys.keyPrefix,
      createdAt: institutionApiKeys.createdAt,
      revokedAt: institutionApiKeys.revokedAt,
    })
    .from(institutionApiKeys)
    .orderBy(desc(institutionApiKeys.createdAt));
}

/** The live key a bearer token names, or null (unknown, revoked or malformed). */
export async function authenticateApiKey(q: Queryable, bearer: string): Promise<ApiKeyHolder | null> {
  if (!bearer.startsWith(KEY_PREFIX) || bearer.length > 200) return null;
  const hash = hashApiKey(bearer);
  const [row] = await q.select().from(institutionApiKeys).where(eq(institutionApiKeys.keyHash, hash));
  if (!row || row.revokedAt) return null;
  // The index found it by hash; compare again in constant time for good measure.
  if (!timingSafeEqual(Buffer.from(row.keyHash), Buffer.from(hash))) return null;
  return { keyId: row.id, institution: row.institution, kind: row.kind };
}
