// What a bank or court officer filed from their desk, newest first, with its status: the
// registry's progress is theirs to follow. Only their own filings (filedBy); nothing personal.
import { desc, eq } from "drizzle-orm";
import { assertCan, can, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { registrationApplications } from "@/lib/db/schema";
import { securedAmountsOf } from "@/lib/dal/registration/secured-amount";

export interface InstitutionFiling {
  applicationId: string;
  kind: string;
  unitNumber: string;
  status: string;
  statusSince: Date;
  submittedAt: Date | null;
  /** Mortgages: the secured principal the bank stated (canonical yuan), null when none. */
  securedAmount: string | null;
}

export async function listInstitutionFilings(q: Queryable, options: { actor: Actor }): Promise<InstitutionFiling[]> {
  if (!can(options.actor, "mortgage.register")) assertCan(options.actor, "seizure.file");
  const rows = await q
    .select({
      applicationId: registrationApplications.id,
      kind: registrationApplications.kind,
      unitNumber: registrationApplications.unitNumber,
      status: registrationApplications.status,
      statusSince: registrationApplications.statusSince,
      submittedAt: registrationApplications.submittedAt,
    })
    .from(registrationApplications)
    .where(eq(registrationApplications.filedBy, options.actor.userId))
    .orderBy(desc(registrationApplications.statusSince))
    .limit(100);
  const amounts = await securedAmountsOf(q, rows.filter((r) => r.kind === "mortgage").map((r) => r.applicationId));
  return rows.map((r) => ({ ...r, securedAmount: amounts.get(r.applicationId) ?? null }));
}
