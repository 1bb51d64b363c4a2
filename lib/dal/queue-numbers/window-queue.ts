// Clerk: the day's queue at one window of the hall, calling the next number, and closing the
// called one (served / did not come). Windows belong to a department: a clerk works only the
// windows of their own.
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ActionError } from "@/lib/dal/action-error";
import type { Db } from "@/lib/db";
import { queueBookings, type QueueBookingStatus } from "@/lib/db/schema";
import { queueBookingView, type QueueBookingView } from "./booking-view";
import { currentServiceDay, displayNumber, SERVICE_WINDOWS, type ServiceWindow } from "./timetable";

export type WindowQueueItem = QueueBookingView;

export interface WindowQueue {
  date: string;
  window: ServiceWindow;
  items: WindowQueueItem[];
  /** The number now at the window (called, not yet closed), if any. */
  serving: WindowQueueItem | null;
  waiting: number;
}

/** The windows this clerk may work. */
export function myWindows(actor: Actor): ServiceWindow[] {
  assertCan(actor, "queue_number.call");
  return SERVICE_WINDOWS.filter((w) => w.department === actor.department);
}

function windowOf(actor: Actor, code: string): ServiceWindow {
  const window = myWindows(actor).find((w) => w.code === code);
  if (!window) throw new ActionError("queue.notYourWindow");
  return window;
}

export async function getWindowQueue(db: Db, options: { actor: Actor; window: string; now?: Date }): Promise<WindowQueue> {
  const window = windowOf(options.actor, options.window);
  const date = currentServiceDay(options.now ?? new Date());
  const rows = await db
    .select()
    .from(queueBookings)
    .where(and(eq(queueBookings.window, window.code), eq(queueBookings.serviceDate, date)))
    .orderBy(asc(queueBookings.slot), asc(queueBookings.number));
  const items = rows.filter((r) => r.status !== "cancelled").map(queueBookingView);
  return { date, window, items, serving: items.find((i) => i.status === "called") ?? null, waiting: items.filter((i) => i.status === "booked").length };
}

export const callNextInputSchema = z.object({ window: z.string().min(1).max(4) });

/**
 * Calls the next waiting number (by slot, then number). A number still at the window is
 * closed as served first: one person at a window at a time.
 */
export async function callNextNumber(db: Db, options: { actor: Actor; input: z.input<typeof callNextInputSchema>; now?: Date }): Promise<{ called: string | null }> {
  const { window: code } = callNextInputSchema.parse(options.input);
  const window = windowOf(options.actor, code);
  const now = options.now ?? new Date();
  const date = currentServiceDay(now);
  return db.transaction(async (tx) => {
    const where = (status: QueueBookingStatus) => and(eq(queueBookings.window, window.code), eq(queueBookings.serviceDate, date), eq(queueBookings.status, status));
    await tx.update(queueBookings).set({ status: "served", closedAt: now }).where(where("called"));
    const [next] = await tx.select().from(queueBookings).where(where("booked")).orderBy(asc(queueBookings.slot), asc(queueBookings.number)).limit(1).for("update");
    if (!next) return { called: null };
    await tx.update(queueBookings).set({ status: "called", calledAt: now, calledBy: options.actor.userId }).where(eq(queueBookings.id, next.id));
    return { called: displayNumber(next.window, next.number) };
  });
}

export const closeNumberInputSchema = z.object({ bookingId: z.uuid(), outcome: z.enum(["served", "missed"]) });

export async function closeCalledNumber(db: Db, options: { actor: Actor; input: z.input<typeof closeNumberInputSchema>; now?: Date }): Promise<{ ok: true }> {
  const { bookingId, outcome } = closeNumberInputSchema.parse(options.input);
  const codes = myWindows(options.actor).map((w) => w.code);
  const [row] = await db.select({ window: queueBookings.window, status: queueBookings.status }).from(queueBookings).where(eq(queueBookings.id, bookingId));
  if (!row || !codes.includes(row.window) || row.status !== "called") throw new ActionError("queue.notCalled");
  await db
    .update(queueBookings)
    .set({ status: outcome, closedAt: options.now ?? new Date() })
    .where(and(eq(queueBookings.id, bookingId), eq(queueBookings.status, "called")));
  return { ok: true };
}
