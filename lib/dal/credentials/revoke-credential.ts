// Revokes a credential (issued in error, or the registration was annulled): the row keeps
// everything, its status becomes `revoked`, and a `credential.revoked` entry records who did
// it and why (a reason code and the SHA-256 of the written note: no free text on the ledger).
// Only a senior admin may, as an always-traced special case (DESIGN.md §1).
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { can, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { credentials } from "@/lib/db/schema";
import { appendEntry } from "@/lib/ledger/append";
import { forgetCredentials, isCredentialId } from "./get-credential-answer";
import { CREDENTIAL_CONTRACT } from "./issue-credential";

const inputSchema = z.object({
  credentialId: z.string().refine(isCredentialId, "not a credential id"),
  reason: z.enum(["issued_in_error", "registration_annulled", "court_order"]),
  note: plainText({ min: 10, minMessage: "explain in at least 10 characters", max: 2000, multiline: true }),
});

export type RevokeResult = { ok: true } | { ok: false; status: 400 | 403 | 404 | 409; error: string };

export async function revokeCredential(db: Db, actor: Actor, raw: z.input<typeof inputSchema>): Promise<RevokeResult> {
  if (!can(actor, "application.override")) return { ok: false, status: 403, error: "Only a senior admin may revoke a credential." };
  const parsed = inputSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, status: 400, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
  const input = parsed.data;
  return db.transaction(async (tx) => {
    const [row] = await tx.select({ status: credentials.status, unitNumber: credentials.unitNumber }).from(credentials).where(eq(credentials.id, input.credentialId)).for("update");
    if (!row) return { ok: false, status: 404, error: `No credential has the id ${input.credentialId}.` } as const;
    if (row.status !== "valid") return { ok: false, status: 409, error: `Credential ${input.credentialId} is already ${row.status}.` } as const;
    await tx
      .update(credentials)
      .set({ status: "revoked" })
      .where(and(eq(credentials.id, input.credentialId), eq(credentials.status, "valid")));
    await appendEntry(tx, {
      type: "credential.revoked",
      contract: CREDENTIAL_CONTRACT,
      department: "registry",
      actor: actor.userId,
      subject: input.credentialId,
      payload: {
        credentialId: input.credentialId,
        unitNumber: row.unitNumber,
        reason: input.reason,
        noteSha256: createHash("sha256").update(input.note, "utf8").digest("base64"),
      },
    });
    forgetCredentials([input.credentialId]);
    return { ok: true } as const;
  });
}
