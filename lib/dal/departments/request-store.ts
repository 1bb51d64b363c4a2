// Verification requests (verification-request@1) folded from their ledger entries, with a
// cache row per request for the department inbox and the clerk's check board.
import { eq } from "drizzle-orm";
import { verificationRequest } from "@/contracts";
import type { VerificationEvent, VerificationRequestState } from "@/contracts/verification-request/verification-request";
import type { Queryable, Tx } from "@/lib/db";
import { registrationVerificationRequests } from "@/lib/db/schema";
import type { AppendResult } from "@/lib/ledger/append";
import { notFound } from "@/lib/dal/registration/errors";
import { loadEvents } from "@/lib/dal/registration/ledger-io";

export type RequestRow = typeof registrationVerificationRequests.$inferSelect;

export async function loadRequest(q: Queryable, requestId: string): Promise<{ row: RequestRow; state: VerificationRequestState }> {
  const [row] = await q.select().from(registrationVerificationRequests).where(eq(registrationVerificationRequests.requestId, requestId));
  if (!row) throw notFound("The verification request", { resource: "verification_request", id: requestId, exists: false });
  const entries = await loadEvents<VerificationEvent>(q, requestId, "verification.");
  return { row, state: verificationRequest.fold(entries.map((e) => e.event)) };
}

/** Inserts or refreshes the cache row of a request after `appended` (its newest entry). */
export async function syncRequest(tx: Tx, state: VerificationRequestState, appended: AppendResult): Promise<void> {
  const values = {
    requestId: state.requestId,
    applicationId: state.applicationId,
    department: state.department!,
    check: state.check,
    party: state.party ?? "property",
    status: state.status,
    authorisedVia: state.authorisation?.via ?? null,
    grantId: state.authorisation?.grantId ?? null,
    authorisedBy: state.authorisation?.authorisedBy ?? null,
    answer: state.answer?.answer ?? null,
    reasonCode: state.answer?.reasonCode ?? state.refusal?.reason.code ?? state.closedReason ?? null,
    raisedAt: new Date(appended.entry.time),
    expectedHours: Math.round(state.expectedHours),
    lastSeq: appended.seq,
  };
  const { raisedAt: _raisedAt, requestId: _id, ...changes } = values;
  await tx.insert(registrationVerificationRequests).values(values).onConflictDoUpdate({ target: registrationVerificationRequests.requestId, set: changes });
}

/**
 * Refuses a member of another department as if the request did not exist (the same 404 as an
 * unknown id; the attempt is recorded where the answer leaves the server): request ids are
 * opaque, and another department's queue is none of theirs.
 */
export function assertOwnDepartment(row: RequestRow, department: string | null | undefined): void {
  if (row.department !== department) throw notFound("The verification request", { resource: "verification_request", id: row.requestId, exists: true });
}
