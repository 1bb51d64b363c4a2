// A standing rule set while requests already wait: each waiting request it covers is
// authorised by it (one `verification.authorised` entry naming the rule, per request, each
// in its own transaction under the application's lock) and then answered by the adapter.
// Called after `setStandingRule` commits; also usable on its own (e.g. after a restart).
import { and, asc, eq } from "drizzle-orm";
import { registration, type DepartmentCode } from "@/contracts";
import type { Db } from "@/lib/db";
import { registrationVerificationRequests } from "@/lib/db/schema";
import { loadGrants } from "@/lib/dal/access/grants-store";
import { nowInstant } from "@/lib/dal/registration/actors";
import { loadApplication } from "@/lib/dal/registration/application-store";
import { appendEvents } from "@/lib/dal/registration/ledger-io";
import { answerRequest } from "./answer-request";
import { loadRequest, syncRequest } from "./request-store";
import { standingAuthorisation } from "./standing-rules";

export interface ApplyStandingRuleResult {
  authorised: number;
  answered: number;
}

export async function applyStandingRule(db: Db, options: { department: DepartmentCode; check: string; limit?: number }): Promise<ApplyStandingRuleResult> {
  const waiting = await db
    .select({ requestId: registrationVerificationRequests.requestId, applicationId: registrationVerificationRequests.applicationId })
    .from(registrationVerificationRequests)
    .where(
      and(
        eq(registrationVerificationRequests.department, options.department),
        eq(registrationVerificationRequests.check, options.check),
        eq(registrationVerificationRequests.status, "requested"),
      ),
    )
    .orderBy(asc(registrationVerificationRequests.raisedAt))
    .limit(options.limit ?? 500);
  let authorised = 0;
  let answered = 0;
  for (const w of waiting) {
    const done = await db.transaction(async (tx) => {
      const app = await loadApplication(tx, w.applicationId, { lock: true });
      const { state } = await loadRequest(tx, w.requestId);
      if (state.status !== "requested") return false;
      const event = standingAuthorisation(state, await loadGrants(tx, options.department), registration.isOpen(app.state), nowInstant());
      if (!event) return false;
      const [entry] = await appendEvents(tx, [event]);
      await syncRequest(tx, (await loadRequest(tx, w.requestId)).state, entry!);
      return true;
    });
    if (!done) continue;
    authorised++;
    try {
      await answerRequest(db, { actor: "system", requestId: w.requestId });
      answered++;
    } catch (error) {
      console.error("[departments] adapter did not answer after a standing rule", error instanceof Error ? error.message : error);
    }
  }
  return { authorised, answered };
}
