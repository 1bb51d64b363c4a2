// One queue booking as the resident's list and the clerk's window both show it.
import type { QueueBookingStatus, queueBookings } from "@/lib/db/schema";
import { displayNumber, type QueueService } from "./timetable";

export interface QueueBookingView {
  bookingId: string;
  /** The number as called out: window letter + three digits (A001). */
  display: string;
  window: string;
  number: number;
  date: string;
  slot: number;
  service: QueueService;
  applicationId: string | null;
  status: QueueBookingStatus;
  calledAt: string | null;
}

export function queueBookingView(row: typeof queueBookings.$inferSelect): QueueBookingView {
  return {
    bookingId: row.id,
    display: displayNumber(row.window, row.number),
    window: row.window,
    number: row.number,
    date: row.serviceDate,
    slot: row.slot,
    service: row.service as QueueService,
    applicationId: row.applicationId,
    status: row.status,
    calledAt: row.calledAt?.toISOString() ?? null,
  };
}
