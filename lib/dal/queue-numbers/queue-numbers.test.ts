import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/permissions";
import { ActionError } from "@/lib/dal/action-error";
import { insertUser } from "@/lib/dal/auth/testing";
import { createTestDb, type TestDb } from "@/lib/db/testing";
import { bookQueueNumber } from "./book-queue-number";
import { cancelQueueBooking, listFreeSlots, listMyQueueBookings } from "./my-queue-bookings";
import { bookableDays, BOOKINGS_PER_SLOT, currentServiceDay, displayNumber, openSlots, slotRange, SLOTS_PER_DAY } from "./timetable";
import { callNextNumber, closeCalledNumber, getWindowQueue } from "./window-queue";

// 09:10 in Loudi (01:10 UTC): slots 0 and 1 (08:30–09:30) — slot 1 still open, slot 0 over.
const NOW = new Date("2026-11-24T01:10:00Z");
const TODAY = "2026-11-24";

let handle: TestDb;
const residents: Actor[] = [];
/** Residents who fill a slot to the brim and step aside again. */
const fillers: Actor[] = [];
// Numbers at the enquiry window today: the first booking, the fillers', then these two.
const SECOND = displayNumber("C", BOOKINGS_PER_SLOT + 1);
const AGAIN = displayNumber("C", BOOKINGS_PER_SLOT + 2);
let clerk: Actor;
let landClerk: Actor;

async function actor(login: string, role: Actor["role"], department: Actor["department"] = null): Promise<Actor> {
  const { id } = await insertUser(handle.db, { login, password: "unused-password", role, department });
  return { userId: id, role, department, displayName: login, login };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ActionError) return error.message;
    throw error;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  handle = await createTestDb();
  for (let i = 0; i < 3; i++) residents.push(await actor(`1390000000${i}`, "resident"));
  for (let i = 1; i < BOOKINGS_PER_SLOT; i++) fillers.push(await actor(`1390000010${i}`, "resident"));
  clerk = await actor("queue.clerk", "clerk", "registry");
  landClerk = await actor("queue.clerk.land", "clerk", "land");
});
afterAll(() => handle.close());

describe("timetable", () => {
  it("has today's queue until closing time, then tomorrow's", () => {
    expect(currentServiceDay(NOW)).toBe(TODAY);
    expect(currentServiceDay(new Date("2026-11-24T09:29:00Z"))).toBe(TODAY); // 17:29
    expect(currentServiceDay(new Date("2026-11-24T09:30:00Z"))).toBe("2026-11-25"); // 17:30
    expect(bookableDays(NOW)).toHaveLength(7);
    expect(openSlots(TODAY, NOW)[0]).toBe(1);
    expect(openSlots("2026-11-25", NOW)).toHaveLength(SLOTS_PER_DAY);
    expect(slotRange(1)).toBe("09:00–09:30");
  });
});

describe("booking a queue number", () => {
  it("gives sequential numbers per window and day, and never more bookings in a slot than a window takes", async () => {
    const db = handle.db;
    const enquiry = { service: "enquiry" as const, date: TODAY };
    const first = await bookQueueNumber(db, { actor: residents[0]!, input: { ...enquiry, slot: 3 }, now: NOW });
    expect(first.display).toBe("C001");
    // The enquiry desk has one window taking BOOKINGS_PER_SLOT residents a slot: once they
    // have booked it, slot 3 is gone for everyone.
    const filled = [];
    for (const filler of fillers) {
      expect(await listFreeSlots(db, { actor: residents[1]!, service: "enquiry", date: TODAY, now: NOW })).toContain(3);
      filled.push(await bookQueueNumber(db, { actor: filler, input: { ...enquiry, slot: 3 }, now: NOW }));
    }
    expect(await refusal(bookQueueNumber(db, { actor: residents[1]!, input: { ...enquiry, slot: 3 }, now: NOW }))).toBe("queue.slotTaken");
    expect(await listFreeSlots(db, { actor: residents[1]!, service: "enquiry", date: TODAY, now: NOW })).not.toContain(3);
    for (const [i, booking] of filled.entries()) await cancelQueueBooking(db, { actor: fillers[i]!, input: { bookingId: booking.bookingId }, now: NOW });
    const second = await bookQueueNumber(db, { actor: residents[1]!, input: { ...enquiry, slot: 2 }, now: NOW });
    expect(second.display).toBe(SECOND);
    // Another day starts again at 1.
    const tomorrow = await bookQueueNumber(db, { actor: residents[0]!, input: { service: "enquiry", date: "2026-11-25", slot: 0 }, now: NOW });
    expect(tomorrow.display).toBe("C001");
  });

  it("refuses a second live booking for the same service and day, a past slot, a day out of range", async () => {
    const db = handle.db;
    expect(await refusal(bookQueueNumber(db, { actor: residents[0]!, input: { service: "enquiry", date: TODAY, slot: 5 }, now: NOW }))).toBe("queue.alreadyBooked");
    expect(await refusal(bookQueueNumber(db, { actor: residents[2]!, input: { service: "enquiry", date: TODAY, slot: 0 }, now: NOW }))).toBe("queue.slotClosed");
    expect(await refusal(bookQueueNumber(db, { actor: residents[2]!, input: { service: "enquiry", date: "2026-12-30", slot: 0 }, now: NOW }))).toBe("queue.dayNotBookable");
  });

  it("needs one of the resident's own cases for signing", async () => {
    expect(await refusal(bookQueueNumber(handle.db, { actor: residents[2]!, input: { service: "signing", date: TODAY, slot: 4 }, now: NOW }))).toBe("queue.applicationRequired");
  });

  it("frees the slot on cancel, keeps the number unused, and refuses cancelling someone else's", async () => {
    const db = handle.db;
    const mine = await listMyQueueBookings(db, { actor: residents[1]!, now: NOW });
    const booking = mine.find((b) => b.date === TODAY)!;
    expect(await refusal(cancelQueueBooking(db, { actor: residents[0]!, input: { bookingId: booking.bookingId }, now: NOW }))).toBe("queue.notCancellable");
    await cancelQueueBooking(db, { actor: residents[1]!, input: { bookingId: booking.bookingId }, now: NOW });
    expect((await listMyQueueBookings(db, { actor: residents[1]!, now: NOW }))[0]!.status).toBe("cancelled");
    const again = await bookQueueNumber(db, { actor: residents[2]!, input: { service: "enquiry", date: TODAY, slot: 2 }, now: NOW });
    expect(again.display).toBe(AGAIN);
  });
});

describe("calling numbers at a window", () => {
  it("calls in slot order, closes the previous number, and shows the resident 'called'", async () => {
    const db = handle.db;
    let queue = await getWindowQueue(db, { actor: clerk, window: "C", now: NOW });
    expect(queue.items.map((i) => i.display)).toEqual([AGAIN, "C001"]); // slot 2 before slot 3
    expect((await callNextNumber(db, { actor: clerk, input: { window: "C" }, now: NOW })).called).toBe(AGAIN);
    const resident = (await listMyQueueBookings(db, { actor: residents[2]!, now: NOW })).find((b) => b.display === AGAIN)!;
    expect(resident.status).toBe("called");
    expect(resident.cancellable).toBe(false);
    expect((await callNextNumber(db, { actor: clerk, input: { window: "C" }, now: NOW })).called).toBe("C001");
    queue = await getWindowQueue(db, { actor: clerk, window: "C", now: NOW });
    expect(queue.items.map((i) => i.status)).toEqual(["served", "called"]);
    await closeCalledNumber(db, { actor: clerk, input: { bookingId: queue.serving!.bookingId, outcome: "missed" }, now: NOW });
    expect((await callNextNumber(db, { actor: clerk, input: { window: "C" }, now: NOW })).called).toBeNull();
    expect((await getWindowQueue(db, { actor: clerk, window: "C", now: NOW })).items.map((i) => i.status)).toEqual(["served", "missed"]);
  });

  it("keeps a clerk to their own department's windows", async () => {
    expect(await refusal(getWindowQueue(handle.db, { actor: landClerk, window: "C", now: NOW }))).toBe("queue.notYourWindow");
    expect(await refusal(callNextNumber(handle.db, { actor: landClerk, input: { window: "C" }, now: NOW }))).toBe("queue.notYourWindow");
  });
});
