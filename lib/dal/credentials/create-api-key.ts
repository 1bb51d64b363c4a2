// A senior admin (permission `institution.manage`) creates an API key for a bank, court or
// school. The key is returned this once and stored as its SHA-256 only; the creation is a
// ledger entry (the key's id and the institution, no key material).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { INSTITUTION_KINDS, institutionApiKeys } from "@/lib/db/schema";
import { appendEntry } from "@/lib/ledger/append";
import { API_KEY_PREFIX, hashApiKey } from "./authenticate-api-key";
import { CREDENTIAL_CONTRACT } from "./issue-credential";

export type ApiKeyError = { ok: false; status: 403 | 404 | 400; error: string };

const createSchema = z.object({
  institution: plainText({ min: 2, max: 100 }),
  kind: z.enum(INSTITUTION_KINDS),
});

export async function createApiKey(db: Db, actor: Actor, input: z.input<typeof createSchema>): Promise<{ ok: true; keyId: string; key: string } | ApiKeyError> {
  if (!can(actor, "institution.manage")) return { ok: false, status: 403, error: "Only a senior admin manages institution API keys." };
  const parsed = createSchema.safeParse(input);
  if (!parsed.success) return { ok: false, status: 400, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const key = `${API_KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
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
