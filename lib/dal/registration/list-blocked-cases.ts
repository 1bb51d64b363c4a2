// Senior admin: open cases held up by a check — a department answered no, refused the
// authorisation, or could not answer (blocked) — oldest first, paged, so one of them can be
// overridden with a reason (override-check.ts). Only codes and departments: no personal data,
// so listing reads nothing that needs an access entry.
import { and, asc, inArray } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationApplications, registrationVerificationRequests } from "@/lib/db/schema";
import { loadApplication } from "./application-store";
import { parseInput } from "./input";

/** Request outcomes that hold a case up until it is rejected or overridden. */
export const BLOCKING_REQUEST_STATUSES = ["answered_no", "refused", "blocked"] as const;
/** Folding every candidate from the ledger is fine for the handful of cases held up at once; bounded all the same. */
const MAX_CANDIDATES = 2000;
const OPEN_STATUSES = ["submitted", "in_review", "checks_pending", "more_material_requested", "ready_for_decision"];

const blockedFilterSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export interface BlockedCase {
  applicationId: string;
  kind: string;
  unitNumber: string;
  status: string;
  submittedAt: string | null;
  /** The checks holding it up: department, check, what happened, the reason code. */
  blockedChecks: { department: string; check: string; party: string; status: string; reasonCode: string | null }[];
}

export async function listBlockedCases(
  db: Db,
  options: { actor: Actor; filter?: z.input<typeof blockedFilterSchema> },
): Promise<{ items: BlockedCase[]; total: number; page: number; pageSize: number }> {
  assertCan(options.actor, "application.override");
  const filter = parseInput(blockedFilterSchema, options.filter ?? {});
  const apps = registrationApplications;
  const requests = registrationVerificationRequests;
  // Candidates from the caches, then the truth from the ledger: a check overridden since its
  // department said no keeps that request row, but the folded case no longer has it blocked.
  const candidates = await db
    .select({ applicationId: apps.id, kind: apps.kind, unitNumber: apps.unitNumber, status: apps.status, submittedAt: apps.submittedAt })
    .from(apps)
    .where(
      and(
        inArray(apps.status, OPEN_STATUSES),
        inArray(apps.id, db.selectDistinct({ id: requests.applicationId }).from(requests).where(inArray(requests.status, [...BLOCKING_REQUEST_STATUSES]))),
      ),
    )
    .orderBy(asc(apps.submittedAt), asc(apps.id))
    .limit(MAX_CANDIDATES);
  const blocked: BlockedCase[] = [];
  for (const c of candidates) {
    const { state } = await loadApplication(db, c.applicationId);
    // Registry facts are never overridable; only a department's no or block is listed.
    const holding = state.checks.filter((k) => k.department !== "registry" && (k.outcome === "no" || k.outcome === "blocked"));
    if (holding.length === 0) continue;
    const rows = await db
      .select({ requestId: requests.requestId, status: requests.status })
      .from(requests)
      .where(inArray(requests.requestId, holding.flatMap((k) => (k.requestId ? [k.requestId] : []))));
    blocked.push({
      ...c,
      submittedAt: c.submittedAt?.toISOString() ?? null,
      blockedChecks: holding.map((k) => ({
        department: k.department,
        check: k.check,
        party: k.party,
        status: rows.find((r) => r.requestId === k.requestId)?.status ?? (k.outcome === "no" ? "answered_no" : "blocked"),
        reasonCode: k.reasonCode,
      })),
    });
  }
  const n = blocked.length;
  return {
    items: blocked.slice((filter.page - 1) * filter.pageSize, filter.page * filter.pageSize),
    total: n,
    page: filter.page,
    pageSize: filter.pageSize,
  };
}
