// Registry clerk: the one-window intake queue — filter by kind, status and age, page
// through, and see SLA ageing (hours past the registry's review time for the kind, under the
// rule version each case runs on). Oldest submission first.
import { and, asc, count, eq, inArray, lte } from "drizzle-orm";
import { z } from "zod";
import { APPLICATION_KINDS, registration } from "@/contracts";
import type { Actor } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db";
import { registrationApplications } from "@/lib/db/schema";
import { assertRegistryStaff } from "./clerk-command";
import { parseInput } from "./input";
import { ruleSetVersion } from "./rule-sets";

export const QUEUE_STATUSES = ["submitted", "in_review", "checks_pending", "more_material_requested", "ready_for_decision", "approved", "rejected", "withdrawn"] as const;
const OPEN_STATUSES = QUEUE_STATUSES.slice(0, 5);

export const queueFilterSchema = z.object({
  kind: z.array(z.enum(APPLICATION_KINDS)).max(6).optional(),
  status: z.array(z.enum(QUEUE_STATUSES)).max(8).optional(),
  /** Only cases submitted at least this many hours ago. */
  minAgeHours: z.coerce.number().min(0).max(24 * 365).optional(),
  /** Only cases I hold. */
  mine: z.boolean().optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
});
export type QueueFilter = z.input<typeof queueFilterSchema>;

export interface QueueItem {
  applicationId: string;
  kind: string;
  unitNumber: string;
  status: string;
  assignee: string | null;
  assignedToMe: boolean;
  submittedAt: string | null;
  statusSince: string;
  ageHours: number;
  reviewHours: number | null;
  /** Hours past due (0 when on time or decided): highlight when > 0. */
  overdueHours: number;
}

export async function listQueue(db: Db, options: { actor: Actor; filter?: QueueFilter; now?: Date }): Promise<{ items: QueueItem[]; total: number; page: number; pageSize: number }> {
  assertRegistryStaff(options.actor, "queue.view");
  const filter = parseInput(queueFilterSchema, options.filter ?? {});
  const now = options.now ?? new Date();
  const t = registrationApplications;
  const where = and(
    inArray(t.status, filter.status && filter.status.length > 0 ? filter.status : [...OPEN_STATUSES]),
    filter.kind && filter.kind.length > 0 ? inArray(t.kind, filter.kind) : undefined,
    filter.minAgeHours !== undefined ? lte(t.submittedAt, new Date(now.getTime() - filter.minAgeHours * 3_600_000)) : undefined,
    filter.mine ? eq(t.assignee, options.actor.userId) : undefined,
  );
  const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(t).where(where);
  const rows = await db
    .select()
    .from(t)
    .where(where)
    .orderBy(asc(t.submittedAt), asc(t.id))
    .limit(filter.pageSize)
    .offset((filter.page - 1) * filter.pageSize);
  const items: QueueItem[] = [];
  for (const r of rows) {
    const rules = r.ruleVersion === null ? null : await ruleSetVersion(db, r.ruleVersion);
    const reviewHours = rules ? rules.kinds[r.kind as registration.ApplicationContent["kind"]].reviewHours : null;
    const submitted = r.submittedAt?.getTime() ?? null;
    const ageHours = submitted === null ? 0 : (now.getTime() - submitted) / 3_600_000;
    const open = (OPEN_STATUSES as readonly string[]).includes(r.status);
    items.push({
      applicationId: r.id,
      kind: r.kind,
      unitNumber: r.unitNumber,
      status: r.status,
      assignee: r.assignee,
      assignedToMe: r.assignee === options.actor.userId,
      submittedAt: r.submittedAt?.toISOString() ?? null,
      statusSince: r.statusSince.toISOString(),
      ageHours,
      reviewHours,
      overdueHours: open && reviewHours !== null ? Math.max(0, ageHours - reviewHours) : 0,
    });
  }
  return { items, total: n, page: filter.page, pageSize: filter.pageSize };
}
