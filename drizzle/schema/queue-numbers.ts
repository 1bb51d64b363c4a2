// Online queue numbers (在线取号, issue 8): a resident books a slot at a service window of the
// registration centre's hall for a step that needs presence and gets a number; a clerk calls
// the numbers in order. Operational records (a booking's status moves), not ledger tables.
// A slot of a window takes BOOKINGS_PER_SLOT live bookings (lib/dal/queue-numbers/timetable.ts),
// counted under the window's per-day counter row lock, which serialises its bookings; a number
// is never issued twice for a window and day (unique index; numbers come from that counter row).
import { sql } from "drizzle-orm";
import { check, date, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./identity";
import { registrationApplications } from "./registration";

export const QUEUE_BOOKING_STATUSES = ["booked", "called", "served", "missed", "cancelled"] as const;
export type QueueBookingStatus = (typeof QUEUE_BOOKING_STATUSES)[number];

export const queueBookings = pgTable(
  "queue_bookings",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Service window code (lib/dal/queue-numbers/windows.ts), e.g. "A". */
    window: text().notNull(),
    /** The service day in China Standard Time. */
    serviceDate: date({ mode: "string" }).notNull(),
    /** Index of the slot in the day's timetable (0 = the first half hour). */
    slot: integer().notNull(),
    /** Sequential per window and day, from 1; shown as window + three digits ("A007"). */
    number: integer().notNull(),
    service: text().notNull(),
    /** The case the visit is for (signing, identity check); null for a general enquiry. */
    applicationId: text().references(() => registrationApplications.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    status: text().$type<QueueBookingStatus>().notNull().default("booked"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    calledAt: timestamp({ withTimezone: true }),
    calledBy: uuid().references(() => users.id),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("queue_bookings_number_unique").on(t.window, t.serviceDate, t.number),
    index("queue_bookings_slot_idx").on(t.window, t.serviceDate, t.slot),
    // One live booking per resident, service and day: a slot is not something to hoard.
    uniqueIndex("queue_bookings_one_per_day").on(t.userId, t.serviceDate, t.service).where(sql`${t.status} in ('booked', 'called')`),
    index("queue_bookings_user_idx").on(t.userId, t.serviceDate),
    check("queue_bookings_number_positive", sql`${t.number} > 0`),
    check("queue_bookings_slot_range", sql`${t.slot} >= 0 and ${t.slot} < 48`),
  ],
);

/** The last number issued per window and day; the booking transaction increments it. */
export const queueNumberCounters = pgTable(
  "queue_number_counters",
  {
    window: text().notNull(),
    serviceDate: date({ mode: "string" }).notNull(),
    lastNumber: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.window, t.serviceDate] })],
);
