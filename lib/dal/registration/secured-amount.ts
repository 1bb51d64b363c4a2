// A mortgage's secured principal (被担保主债权数额). The amount is a person's debt, so the
// ledger carries only a keyed ref of it (per application, so equal amounts do not link two
// mortgages); the amount itself is kept with the filing form, encrypted under the registry's
// key. Reading it back checks it against the ref on the ledger: a form changed outside the
// flow shows no amount rather than a wrong one.
import { and, asc, eq, inArray } from "drizzle-orm";
import { canonicalYuanSchema } from "@/contracts/shared/money";
import { decryptPersonal, personalRef } from "@/lib/crypto/personal-data";
import type { Queryable } from "@/lib/db";
import { ledgerEntries, registrationDrafts } from "@/lib/db/schema";

export function securedAmountRef(applicationId: string, canonicalYuan: string): string {
  return personalRef("secured-amount", `${applicationId}\n${canonicalYuan}`);
}

/** Canonical yuan amounts by mortgage id, for the mortgages whose ledger ref the stored form matches. */
export async function readSecuredAmounts(
  q: Queryable,
  mortgages: readonly { mortgageId: string; securedAmountRef?: string }[],
): Promise<Map<string, string>> {
  const withRef = mortgages.filter((m) => m.securedAmountRef !== undefined);
  const amounts = new Map<string, string>();
  if (withRef.length === 0) return amounts;
  const rows = await q
    .select({ applicationId: registrationDrafts.applicationId, formCipher: registrationDrafts.formCipher })
    .from(registrationDrafts)
    .where(inArray(registrationDrafts.applicationId, withRef.map((m) => m.mortgageId)));
  for (const row of rows) {
    const form = JSON.parse(await decryptPersonal(q, "registry", "draft_form", row.formCipher)) as { securedAmount?: unknown };
    const amount = canonicalYuanSchema.safeParse(form.securedAmount);
    const expected = withRef.find((m) => m.mortgageId === row.applicationId)?.securedAmountRef;
    if (amount.success && expected === securedAmountRef(row.applicationId, amount.data)) amounts.set(row.applicationId, amount.data);
  }
  return amounts;
}

/** Amounts of mortgage applications by id, from the ref in each one's latest saved draft on the ledger. */
export async function securedAmountsOf(q: Queryable, applicationIds: readonly string[]): Promise<Map<string, string>> {
  if (applicationIds.length === 0) return new Map();
  const rows = await q
    .select({ subject: ledgerEntries.subject, entry: ledgerEntries.entry })
    .from(ledgerEntries)
    .where(and(eq(ledgerEntries.type, "registration.draft_saved"), inArray(ledgerEntries.subject, [...applicationIds])))
    .orderBy(asc(ledgerEntries.seq));
  const refs = new Map<string, string | undefined>();
  for (const row of rows) {
    const entry = JSON.parse(row.entry) as { payload: { content?: { securedAmountRef?: string } } };
    refs.set(row.subject, entry.payload.content?.securedAmountRef);
  }
  return readSecuredAmounts(
    q,
    [...refs].map(([mortgageId, ref]) => ({ mortgageId, ...(ref !== undefined ? { securedAmountRef: ref } : {}) })),
  );
}
