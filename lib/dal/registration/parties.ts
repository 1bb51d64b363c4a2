// Parties as typed by a person (resident ID numbers) → parties as the ledger names them
// (keyed refs, personalRef("resident-id", id)). Full-width digits and a lower-case x are
// folded first (what people type on phones); anything else wrong is refused by field.
import { z } from "zod";
import { PARTY_ROLES, type Party } from "@/contracts";
import { personalRef } from "@/lib/crypto/personal-data";
import { checkResidentId, normaliseResidentId, type ResidentIdProblem } from "@/lib/domain/resident-id";
import { FlowError } from "./errors";

export const partyInputSchema = z.union([
  z.object({ role: z.enum(PARTY_ROLES), residentId: z.string().max(40) }),
  /** Banks and courts are named by their organisation (`org:bank`, `org:court`). */
  z.object({ role: z.enum(["mortgagee", "court"]), organisation: z.enum(["bank", "court"]) }),
]);
export type PartyInput = z.infer<typeof partyInputSchema>;

/** The sign-up form's messages for the same problems (`errors.signUp.residentId.*`). */
const problemKey = (problem: ResidentIdProblem): string => `signUp.residentId.${problem}`;

export interface ResolvedParties {
  readonly parties: Party[];
  /** The normalised form, for the encrypted draft (never the ledger). */
  readonly typed: PartyInput[];
}

export function resolveParties(inputs: readonly PartyInput[], today: Date = new Date()): ResolvedParties {
  const fieldErrors: Record<string, string[]> = {};
  const parties: Party[] = [];
  const typed: PartyInput[] = [];
  inputs.forEach((input, i) => {
    if ("organisation" in input) {
      parties.push({ role: input.role, ref: `org:${input.organisation}` });
      typed.push(input);
      return;
    }
    const id = normaliseResidentId(input.residentId);
    const check = checkResidentId(id, today);
    if (!check.ok) {
      fieldErrors[`parties.${i}.residentId`] = [problemKey(check.problem)];
      return;
    }
    parties.push({ role: input.role, ref: personalRef("resident-id", id) });
    typed.push({ role: input.role, residentId: id });
  });
  if (Object.keys(fieldErrors).length > 0) {
    throw new FlowError("INVALID_RESIDENT_ID", 400, "Check the resident ID numbers of the parties.", fieldErrors);
  }
  return { parties, typed };
}
