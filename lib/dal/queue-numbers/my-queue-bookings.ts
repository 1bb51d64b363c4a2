// Resident: my queue numbers (newest day first) and cancelling one that is still waiting.
import { and, desc, eq, gte, inArray, ne } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ActionError } from "@/lib/dal/action-error";
import type { Db } from "@/lib/db";
import { queueBookings } from "@/lib/db/schema";
import { queueBookingView, type QueueBookingView } from "./booking-view";
import { bookableDays, BOOKINGS_PER_SLOT, currentServiceDay, openSlots, QUEUE_SERVICES, type QueueService, windowByCode, windowsFor } from "./timetable";

export interface MyQueueBooking extends QueueBookingView {
  desk: number | null;
  /** Waiting for a day that has not passed: may still be cancelled. */
  cancellable: boolean;
}

export async function listMyQueueBookings(db: Db, options: { actor: Actor; now?: Date; limit?: number }): Promise<MyQueueBooking[]> {
  assertCan(options.actor, "queue_number.book");
  const today = currentServiceDay(options.now ?? new Date());
  const rows = await db
    .select()
    .from(queueBookings)
    .where(eq(queueBookings.userId, options.actor.userId))
    .orderBy(desc(queueBookings.serviceDate), desc(queueBookings.slot))
    .limit(Math.min(options.limit ?? 50, 200));
  return rows.map((r) => ({
    ...queueBookingView(r),
    desk: windowByCode(r.window)?.desk ?? null,
    cancellable: r.status === "booked" && r.serviceDate >= today,
  }));
}

export const cancelQueueBookingInputSchema = z.object({ bookingId: z.uuid() });

export async function cancelQueueBooking(db: Db, options: { actor: Actor; input: z.input<typeof cancelQueueBookingInputSchema>; now?: Date }): Promise<{ ok: true }> {
  assertCan(options.actor, "queue_number.book");
  const { bookingId } = cancelQueueBookingInputSchema.parse(options.input);
  const today = currentServiceDay(options.now ?? new Date());
  const cancelled = await db
    .update(queueBookings)
    .set({ status: "cancelled", closedAt: new Date() })
    .where(
      and(eq(queueBookings.id, bookingId), eq(queueBookings.userId, options.actor.userId), eq(queueBookings.status, "booked"), gte(queueBookings.serviceDate, today)),
    )
    .returning({ id: queueBookings.id });
  // Someone else's booking, an unknown id, one already called or a past day: the same refusal.
  if (cancelled.length === 0) throw new ActionError("queue.notCancellable");
  return { ok: true };
}

/** Slots of `date` where a window of `service` still has room and booking is open. */
export async function listFreeSlots(db: Db, options: { actor: Actor; service: QueueService; date: string; now?: Date }): Promise<number[]> {
  assertCan(options.actor, "queue_number.book");
  if (!QUEUE_SERVICES.includes(options.service)) return [];
  const now = options.now ?? new Date();
  if (!bookableDays(now).includes(options.date)) return [];
  const windows = windowsFor(options.service).map((w) => w.code);
  const taken = await db
    .select({ window: queueBookings.window, slot: queueBookings.slot })
    .from(queueBookings)
    .where(and(eq(queueBookings.serviceDate, options.date), inArray(queueBookings.window, windows), ne(queueBookings.status, "cancelled")));
  return openSlots(options.date, now).filter((slot) => taken.filter((t) => t.slot === slot).length < windows.length * BOOKINGS_PER_SLOT);
}
