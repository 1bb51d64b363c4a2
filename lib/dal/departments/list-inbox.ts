// Department admin: the department's verification requests, oldest waiting first, with
// ageing against the expected answer time. Opaque ids and codes only: the person a request
// is about is a keyed ref, and not even that is shown.
import { and, asc, count, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationVerificationRequests } from "@/lib/db/schema";
import { FlowError } from "@/lib/dal/registration/errors";
import { parseInput } from "@/lib/dal/registration/input";

export const REQUEST_STATUSES = ["requested", "authorised", "refused", "answered_yes", "answered_no", "blocked", "cancelled"] as const;

export const inboxFilterSchema = z.object({
  status: z.array(z.enum(REQUEST_STATUSES)).max(7).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});

export interface InboxItem {
  requestId: string;
  applicationId: string;
  check: string;
  party: string;
  status: string;
  raisedAt: string;
  expectedHours: number;
  overdueHours: number;
  authorisation: { via: string; grantId: string | null; authorisedBy: string | null } | null;
  answer: string | null;
  reasonCode: string | null;
}

export async function listInbox(db: Db, options: { actor: Actor; filter?: z.input<typeof inboxFilterSchema>; now?: Date }): Promise<{ items: InboxItem[]; total: number; page: number; pageSize: number }> {
  assertCan(options.actor, "check.view");
  const department = options.actor.department;
  if (!department) throw new FlowError("FORBIDDEN", 403, "Your account belongs to no department.");
  const filter = parseInput(inboxFilterSchema, options.filter ?? {});
  const where = and(
    eq(registrationVerificationRequests.department, department),
    filter.status && filter.status.length > 0 ? inArray(registrationVerificationRequests.status, filter.status) : undefined,
  );
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(registrationVerificationRequests).where(where);
  const rows = await db
    .select()
    .from(registrationVerificationRequests)
    .where(where)
    .orderBy(asc(registrationVerificationRequests.raisedAt), asc(registrationVerificationRequests.requestId))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const now = (options.now ?? new Date()).getTime();
  return {
    total: n,
    page: filter.page,
    pageSize: filter.pageSize,
    items: rows.map((r) => {
      const waiting = r.status === "requested" || r.status === "authorised";
      const due = r.raisedAt.getTime() + r.expectedHours * 3_600_000;
      return {
        requestId: r.requestId,
        applicationId: r.applicationId,
        check: r.check,
        party: r.party,
        status: r.status,
        raisedAt: r.raisedAt.toISOString(),
        expectedHours: r.expectedHours,
        overdueHours: waiting ? Math.max(0, (now - due) / 3_600_000) : 0,
        authorisation: r.authorisedVia ? { via: r.authorisedVia, grantId: r.grantId, authorisedBy: r.authorisedBy } : null,
        answer: r.answer,
        reasonCode: r.reasonCode,
      };
    }),
  };
}
