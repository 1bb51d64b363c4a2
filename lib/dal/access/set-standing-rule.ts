// Department admin: set a standing rule ("authorise police.identity for registry requests
// on open applications") — an `access_grant.granted` entry signed with the department's key.
// Every request it authorises names it. The registry's admin sets `case_view` rules with
// purpose case_review: they let registry clerks open cases (read the parties' data).
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { accessGrant, departmentSchema, instantSchema, rules as rulesContract } from "@/contracts";
import { ACCESS_PURPOSES } from "@/contracts/access-grant/access-grant";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant } from "@/lib/dal/registration/actors";
import { FlowError, fieldError, fromContract } from "@/lib/dal/registration/errors";
import { parseInput } from "@/lib/dal/registration/input";
import { appendEvents } from "@/lib/dal/registration/ledger-io";
import { applyStandingRule } from "@/lib/dal/departments/apply-standing-rule";
import { syncGrant } from "./grants-store";

export const setStandingRuleInputSchema = z.object({
  check: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, "expected a check name such as identity"),
  requester: departmentSchema.default("registry"),
  purpose: z.enum(ACCESS_PURPOSES).default("registration_check"),
  validUntil: instantSchema.nullable().default(null),
});

export interface SetStandingRuleResult {
  grantId: string;
  seq: number;
  /** Requests already waiting that the new rule authorised (and the adapter answered). */
  applied: { authorised: number; answered: number };
}

/** Checks the department can be asked about, per the seeded rules; `case_view` for the registry. */
export function checksOf(department: string): string[] {
  const names = new Set<string>();
  for (const kind of Object.values(rulesContract.RULES_V1.kinds)) for (const c of kind.checks) if (c.department === department) names.add(c.check);
  if (department === "registry") names.add("case_view");
  return [...names].sort();
}

export async function setStandingRule(db: Db, options: { actor: Actor; input: z.input<typeof setStandingRuleInputSchema> }): Promise<SetStandingRuleResult> {
  assertCan(options.actor, "standing_rule.manage");
  const input = parseInput(setStandingRuleInputSchema, options.input);
  const department = options.actor.department;
  if (!department) throw new FlowError("FORBIDDEN", 403, "Your account belongs to no department.");
  const known = checksOf(department);
  if (!known.includes(input.check)) {
    throw new FlowError("UNKNOWN_CHECK", 400, `The ${department} department answers no "${input.check}" check; choose one of: ${known.join(", ") || "none"}.`, {
      check: [fieldError("unknownCheck")],
    }, { department, check: input.check, known: known.join(", ") || "—" });
  }
  const set = await db.transaction(async (tx) => {
    const actor = await flowActor(tx, options.actor);
    const at = nowInstant();
    const grantId = `grant-${randomUUID()}`;
    const d = accessGrant.decide(
      accessGrant.INITIAL_ACCESS_GRANT,
      {
        type: "grant",
        grantId,
        terms: {
          kind: "standing",
          department,
          check: input.check,
          requester: input.requester,
          purpose: input.purpose,
          scope: { kind: "open_applications" },
          validFrom: at,
          validUntil: input.validUntil,
        },
      },
      { actor: actor.contract, at },
    );
    if (!d.ok) throw fromContract(d.error);
    const [entry] = await appendEvents(tx, d.events);
    await syncGrant(tx, accessGrant.fold(d.events), entry!);
    return { grantId, seq: entry!.seq };
  });
  // After commit: requests already waiting for this check are authorised by the new rule.
  let applied = { authorised: 0, answered: 0 };
  if (input.purpose === "registration_check" && input.requester === "registry") {
    try {
      applied = await applyStandingRule(db, { department, check: input.check });
    } catch (error) {
      console.error("[access] applying the new standing rule failed", error instanceof Error ? error.message : error);
    }
  }
  return { ...set, applied };
}
