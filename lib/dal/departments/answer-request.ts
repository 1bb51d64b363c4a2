// Department: answer an authorised verification request. In one transaction: the read is
// decided by access-log@1 against the request's authorisation (and, for a standing rule,
// that the rule is still in force NOW); its `access.read` entry is appended; only then does
// the department's adapter read its own records; the yes/no answer is appended signed with
// the department's key, bound to the request id (a second answer is REPLAYED_ANSWER); and
// the outcome is relayed onto the application, citing the answer entry's leaf hash.
// A read with no live grant is refused, the refusal recorded and the check blocked.
import { accessLog, registration, verificationRequest } from "@/contracts";
import type { ContractError } from "@/contracts";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { adapterCheck, mintAuthorisedRead } from "@/lib/departments";
import { loadGrants } from "@/lib/dal/access/grants-store";
import { flowActor, nowInstant, systemActor } from "@/lib/dal/registration/actors";
import { loadApplication } from "@/lib/dal/registration/application-store";
import { commitRegistration } from "@/lib/dal/registration/commit";
import { FlowError, fromContract } from "@/lib/dal/registration/errors";
import { appendEvents } from "@/lib/dal/registration/ledger-io";
import { assertOwnDepartment, loadRequest, syncRequest } from "./request-store";

export interface AnswerRequestResult {
  requestId: string;
  outcome: "yes" | "no";
  reasonCode: string | null;
  /** Seq of the access entry the read was recorded under. */
  accessSeq: number;
  /** Seq of the signed answer entry. */
  answerSeq: number;
}

export async function answerRequest(db: Db, options: { actor: Actor | "system"; requestId: string }): Promise<AnswerRequestResult> {
  if (options.actor !== "system") assertCan(options.actor, "check.answer");
  const result = await db.transaction(async (tx): Promise<{ ok: true; value: AnswerRequestResult } | { ok: false; error: ContractError }> => {
    const { row } = await loadRequest(tx, options.requestId);
    const department = row.department;
    if (options.actor !== "system") assertOwnDepartment(row, options.actor.department);
    // Lock order everywhere: application row, then the ledger head (inside append).
    const app = await loadApplication(tx, row.applicationId, { lock: true });
    const { state: request } = await loadRequest(tx, options.requestId);
    if (request.status === "answered_yes" || request.status === "answered_no") {
      throw new FlowError("REPLAYED_ANSWER", 409, "This request has already been answered; an answer cannot be given twice.");
    }
    if (request.status !== "authorised") {
      throw new FlowError("NOT_AUTHORISED", 403, `This request is ${request.status}, not authorised: the department's admin must authorise it before its records are read.`);
    }
    const reader = options.actor === "system" ? systemActor(department) : (await flowActor(tx, options.actor)).contract;
    const relay = systemActor(department);
    const at = nowInstant();
    const grants = await loadGrants(tx, department);
    const read = accessLog.decideRead(
      {
        department,
        check: request.check,
        purpose: "registration_check",
        subjectRef: request.subjectRef,
        applicationId: request.applicationId,
        applicationOpen: registration.isOpen(app.state),
      },
      { kind: "request", request, grants },
      { actor: reader, at },
    );
    if (!read.ok) {
      if (read.events.length === 0) throw fromContract(read.error);
      // Record the refusal, and block the request: nothing was read.
      const block = verificationRequest.decide(request, { type: "block", reasonCode: read.error.code.toLowerCase() }, { actor: relay, at });
      const appended = await appendEvents(tx, [...read.events, ...(block.ok ? block.events : [])]);
      if (block.ok) {
        const blocked = verificationRequest.fold(block.events, request);
        await syncRequest(tx, blocked, appended.at(-1)!);
        const command = verificationRequest.outcomeCommandFor(blocked, null);
        const relayed = command ? registration.decide(app.state, command, { actor: relay, at }) : null;
        if (relayed?.ok) await commitRegistration(tx, app.state, relayed.events);
      }
      return { ok: false, error: read.error };
    }
    const check = adapterCheck(department, request.check);
    if (!check) throw new FlowError("NO_ADAPTER", 409, `The ${department} department has no way to answer "${request.check}" yet.`, undefined, { department, check: request.check });
    const [accessEntry] = await appendEvents(tx, read.events);
    const answer = await check(
      tx,
      mintAuthorisedRead({
        department,
        check: request.check,
        subjectRef: request.subjectRef,
        unitNumber: app.state.content?.unitNumber ?? "",
        at,
        accessSeq: accessEntry!.seq,
      }),
    );
    const decided = verificationRequest.decide(request, { type: "answer", requestId: request.requestId, answer: answer.answer, reasonCode: answer.reasonCode }, { actor: reader, at });
    if (!decided.ok) throw fromContract(decided.error);
    const [answerEntry] = await appendEvents(tx, decided.events);
    const answered = verificationRequest.fold(decided.events, request);
    await syncRequest(tx, answered, answerEntry!);
    const command = verificationRequest.outcomeCommandFor(answered, answerEntry!.leafHash);
    // A closed application (withdrawn, rejected) no longer takes answers; the entry stands.
    const relayed = command ? registration.decide(app.state, command, { actor: relay, at }) : null;
    if (relayed?.ok) await commitRegistration(tx, app.state, relayed.events);
    return {
      ok: true,
      value: { requestId: request.requestId, outcome: answer.answer, reasonCode: answer.reasonCode, accessSeq: accessEntry!.seq, answerSeq: answerEntry!.seq },
    };
  });
  if (!result.ok) {
    throw new FlowError(result.error.code, 403, `The read was refused and recorded (${result.error.message}); the check is blocked until access is authorised again.`);
  }
  return result.value;
}
