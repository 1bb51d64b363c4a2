// Resident: book a slot at a service window and get the day's next number for that window.
// One transaction: the window's counter row for the day is locked first, so bookings for one
// window and day run one after another and a slot's live bookings are counted under it (at most
// BOOKINGS_PER_SLOT); numbers are unique per window and day (unique index).
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { z } from "zod";
import { assertCan, type Actor } from "@/lib/auth/permissions";
import { ActionError } from "@/lib/dal/action-error";
import { listMyApplications, type MyApplication } from "@/lib/dal/registration/list-my-applications";
import type { Db } from "@/lib/db";
import { queueBookings, queueNumberCounters } from "@/lib/db/schema";
import { bookableDays, BOOKINGS_PER_SLOT, CASE_SERVICES, displayNumber, openSlots, QUEUE_SERVICES, SLOTS_PER_DAY, windowsFor } from "./timetable";

export const bookQueueNumberInputSchema = z.object({
  service: z.enum(QUEUE_SERVICES),
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  slot: z.coerce.number().int().min(0).max(SLOTS_PER_DAY - 1),
  applicationId: z.string().max(80).optional(),
});

/** Statuses of a case that no visit can move any more (or not yet: a draft is not filed). */
const NO_VISIT = new Set(["draft", "approved", "rejected", "withdrawn"]);

/** My cases a signing or identity-check visit can be for: filed and still open. */
export async function casesForVisit(db: Db, options: { actor: Actor }): Promise<MyApplication[]> {
  assertCan(options.actor, "queue_number.book");
  return (await listMyApplications(db, { actor: options.actor })).filter((a) => !NO_VISIT.has(a.status));
}

export interface BookedNumber {
  bookingId: string;
  window: string;
  number: number;
  display: string;
  date: string;
  slot: number;
}

export async function bookQueueNumber(
  db: Db,
  options: { actor: Actor; input: z.input<typeof bookQueueNumberInputSchema>; now?: Date },
): Promise<BookedNumber> {
  assertCan(options.actor, "queue_number.book");
  const input = bookQueueNumberInputSchema.parse(options.input);
  const now = options.now ?? new Date();
  if (!bookableDays(now).includes(input.date)) throw new ActionError("queue.dayNotBookable", { fieldErrors: { date: ["queue.dayNotBookable"] } });
  if (!openSlots(input.date, now).includes(input.slot)) throw new ActionError("queue.slotClosed", { fieldErrors: { slot: ["queue.slotClosed"] } });
  let applicationId: string | null = null;
  if (CASE_SERVICES.includes(input.service)) {
    const mine = await casesForVisit(db, { actor: options.actor });
    const match = mine.find((a) => a.applicationId === input.applicationId);
    if (!match) throw new ActionError("queue.applicationRequired", { fieldErrors: { applicationId: ["queue.applicationRequired"] } });
    applicationId = match.applicationId;
  }
  try {
    return await db.transaction(async (tx) => {
      const held = await tx
        .select({ id: queueBookings.id })
        .from(queueBookings)
        .where(
          and(
            eq(queueBookings.userId, options.actor.userId),
            eq(queueBookings.serviceDate, input.date),
            eq(queueBookings.service, input.service),
            inArray(queueBookings.status, ["booked", "called"]),
          ),
        );
      if (held.length > 0) throw new ActionError("queue.alreadyBooked");
      for (const window of windowsFor(input.service)) {
        await tx.insert(queueNumberCounters).values({ window: window.code, serviceDate: input.date, lastNumber: 0 }).onConflictDoNothing();
        // The lock that serialises this window's bookings for the day.
        await tx.execute(
          sql`select last_number from ${queueNumberCounters} where ${queueNumberCounters.window} = ${window.code} and ${queueNumberCounters.serviceDate} = ${input.date} for update`,
        );
        const taken = await tx
          .select({ id: queueBookings.id })
          .from(queueBookings)
          .where(and(eq(queueBookings.window, window.code), eq(queueBookings.serviceDate, input.date), eq(queueBookings.slot, input.slot), ne(queueBookings.status, "cancelled")));
        if (taken.length >= BOOKINGS_PER_SLOT) continue;
        const [counter] = await tx
          .update(queueNumberCounters)
          .set({ lastNumber: sql`${queueNumberCounters.lastNumber} + 1` })
          .where(and(eq(queueNumberCounters.window, window.code), eq(queueNumberCounters.serviceDate, input.date)))
          .returning({ lastNumber: queueNumberCounters.lastNumber });
        const number = counter!.lastNumber;
        const [row] = await tx
          .insert(queueBookings)
          .values({ window: window.code, serviceDate: input.date, slot: input.slot, number, service: input.service, applicationId, userId: options.actor.userId })
          .returning({ id: queueBookings.id });
        return { bookingId: row!.id, window: window.code, number, display: displayNumber(window.code, number), date: input.date, slot: input.slot };
      }
      throw new ActionError("queue.slotTaken", { fieldErrors: { slot: ["queue.slotTaken"] } });
    });
  } catch (error) {
    // A booking that raced ours past the checks still meets the unique indexes.
    if (isUniqueViolation(error)) throw new ActionError("queue.slotTaken", { fieldErrors: { slot: ["queue.slotTaken"] } });
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}
