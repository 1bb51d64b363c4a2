// Department admin: authorise one verification request of their own department (never one
// they raised themselves: separation of duties). After commit the department's adapter
// answers it (a separate transaction, see answer-request.ts).
import { verificationRequest } from "@/contracts";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { flowActor, nowInstant } from "@/lib/dal/registration/actors";
import { loadApplication } from "@/lib/dal/registration/application-store";
import { fromContract } from "@/lib/dal/registration/errors";
import { appendEvents } from "@/lib/dal/registration/ledger-io";
import { answerRequest, type AnswerRequestResult } from "./answer-request";
import { assertOwnDepartment, loadRequest, syncRequest } from "./request-store";

export interface AuthoriseRequestResult {
  requestId: string;
  status: string;
  /** Seq of the `verification.authorised` entry. */
  seq: number;
  /** The adapter's answer, when it ran right away. */
  answer: Pick<AnswerRequestResult, "outcome" | "reasonCode"> | null;
}

export async function authoriseRequest(db: Db, options: { actor: Actor; requestId: string; answerNow?: boolean }): Promise<AuthoriseRequestResult> {
  assertCan(options.actor, "check.authorise");
  const done = await db.transaction(async (tx) => {
    const { row } = await loadRequest(tx, options.requestId);
    assertOwnDepartment(row, options.actor.department);
    await loadApplication(tx, row.applicationId, { lock: true });
    const { state } = await loadRequest(tx, options.requestId);
    const actor = await flowActor(tx, options.actor);
    const d = verificationRequest.decide(state, { type: "authorise", via: "admin" }, { actor: actor.contract, at: nowInstant() });
    if (!d.ok) throw fromContract(d.error);
    const [entry] = await appendEvents(tx, d.events);
    const after = verificationRequest.fold(d.events, state);
    await syncRequest(tx, after, entry!);
    return { status: after.status, seq: entry!.seq };
  });
  let answer: AuthoriseRequestResult["answer"] = null;
  if (options.answerNow !== false) {
    try {
      const r = await answerRequest(db, { actor: "system", requestId: options.requestId });
      answer = { outcome: r.outcome, reasonCode: r.reasonCode };
    } catch (error) {
      // Authorised stays authorised; the inbox shows it unanswered and it can be answered again.
      console.error("[departments] adapter did not answer after authorisation", error instanceof Error ? error.message : error);
    }
  }
  return { requestId: options.requestId, status: answer ? `answered_${answer.outcome}` : done.status, seq: done.seq, answer };
}
