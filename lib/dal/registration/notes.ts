// Free-text notes (why a case was rejected, what material is missing, why a check was
// overridden): the text is encrypted here, only its SHA-256 goes on the ledger entry.
import { and, eq } from "drizzle-orm";
import type { Queryable, Tx } from "@/lib/db";
import { registrationNotes } from "@/lib/db/schema";
import { decryptPersonal, encryptPersonal } from "@/lib/crypto/personal-data";
import { sha256Hex } from "./documents";

export async function saveNote(tx: Tx, applicationId: string, authorId: string, text: string): Promise<string> {
  const sha256 = sha256Hex(Buffer.from(text, "utf8"));
  await tx.insert(registrationNotes).values({ applicationId, authorId, sha256, noteCipher: await encryptPersonal(tx, "registry", "note", text) });
  return sha256;
}

export async function readNote(q: Queryable, applicationId: string, sha256: string | undefined): Promise<string | null> {
  if (!sha256) return null;
  const [row] = await q
    .select({ cipher: registrationNotes.noteCipher })
    .from(registrationNotes)
    .where(and(eq(registrationNotes.applicationId, applicationId), eq(registrationNotes.sha256, sha256)))
    .limit(1);
  return row ? decryptPersonal(q, "registry", "note", row.cipher) : null;
}
