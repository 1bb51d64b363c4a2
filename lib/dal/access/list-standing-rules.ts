// Department admin: the department's standing rules and grants (active first), as folded
// from their `access_grant.*` entries, with the checks a new rule may name.
import { desc, eq } from "drizzle-orm";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationAccessGrants } from "@/lib/db/schema";
import { FlowError } from "@/lib/dal/registration/errors";
import { checksOf } from "./set-standing-rule";

export interface StandingRuleItem {
  grantId: string;
  check: string;
  requester: string;
  purpose: string;
  kind: string;
  status: string;
  grantedBy: string;
  validFrom: string;
  validUntil: string | null;
  seq: number;
}

export async function listStandingRules(db: Db, options: { actor: Actor }): Promise<{ rules: StandingRuleItem[]; checks: string[] }> {
  assertCan(options.actor, "standing_rule.manage");
  const department = options.actor.department;
  if (!department) throw new FlowError("FORBIDDEN", 403, "Your account belongs to no department.");
  const rows = await db.select().from(registrationAccessGrants).where(eq(registrationAccessGrants.department, department)).orderBy(desc(registrationAccessGrants.lastSeq));
  const rules = rows
    .map((r) => ({
      grantId: r.grantId,
      check: r.check,
      requester: r.requester,
      purpose: r.purpose,
      kind: r.kind,
      status: r.status,
      grantedBy: r.grantedBy,
      validFrom: r.validFrom.toISOString(),
      validUntil: r.validUntil?.toISOString() ?? null,
      seq: r.lastSeq,
    }))
    .sort((a, b) => Number(b.status === "active") - Number(a.status === "active"));
  return { rules, checks: checksOf(department) };
}
