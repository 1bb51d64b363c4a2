// The hall's timetable for online queue numbers: which windows serve what, the half-hour
// slots of a service day, and which day is "today" for the queue. Pure (time is passed in).
// Service days are dates in China Standard Time; after closing time the next day's queue is
// the current one (a clerk prepares it, a resident books into it).
import type { DepartmentCode } from "@/drizzle/schema/identity";

export const QUEUE_SERVICES = ["signing", "enquiry"] as const;
export type QueueService = (typeof QUEUE_SERVICES)[number];

/** Services that are about one of the resident's cases (signing, identity check). */
export const CASE_SERVICES: readonly QueueService[] = ["signing"];

export interface ServiceWindow {
  /** Letter shown before the number: "A007". */
  code: string;
  /** The hall's window number, as painted above it. */
  desk: number;
  department: DepartmentCode;
  service: QueueService;
}

export const SERVICE_WINDOWS: readonly ServiceWindow[] = [
  { code: "A", desk: 1, department: "registry", service: "signing" },
  { code: "B", desk: 2, department: "registry", service: "signing" },
  { code: "C", desk: 3, department: "registry", service: "enquiry" },
];

/** Opening 08:30, closing 17:30, China Standard Time (UTC+8, no daylight saving). */
const OPENING_MINUTE = 8 * 60 + 30;
const SLOT_MINUTES = 30;
export const SLOTS_PER_DAY = 18;
const UTC_OFFSET_MINUTES = 8 * 60;
/** Residents one window takes in a half-hour slot (about ten minutes each). */
export const BOOKINGS_PER_SLOT = 3;
/** How many service days ahead (the current one included) a resident may book. */
export const BOOKABLE_DAYS = 7;

export function windowsFor(service: QueueService): ServiceWindow[] {
  return SERVICE_WINDOWS.filter((w) => w.service === service);
}

export function windowByCode(code: string): ServiceWindow | undefined {
  return SERVICE_WINDOWS.find((w) => w.code === code);
}

/** "A7" → "A007". */
export function displayNumber(window: string, number: number): string {
  return `${window}${String(number).padStart(3, "0")}`;
}

/** "08:30" for slot 0. */
export function slotLabel(slot: number): string {
  const m = OPENING_MINUTE + slot * SLOT_MINUTES;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** "08:30–09:00". */
export function slotRange(slot: number): string {
  return `${slotLabel(slot)}–${slotLabel(slot + 1)}`;
}

function shanghai(now: Date): { date: string; minute: number } {
  const local = new Date(now.getTime() + UTC_OFFSET_MINUTES * 60_000);
  return { date: local.toISOString().slice(0, 10), minute: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** The queue day now: today in China Standard Time, or tomorrow once the hall has closed. */
export function currentServiceDay(now: Date): string {
  const { date, minute } = shanghai(now);
  return minute >= OPENING_MINUTE + SLOTS_PER_DAY * SLOT_MINUTES ? addDays(date, 1) : date;
}

/** The days a resident may book, the current service day first. */
export function bookableDays(now: Date): string[] {
  const first = currentServiceDay(now);
  return Array.from({ length: BOOKABLE_DAYS }, (_, i) => addDays(first, i));
}

/** Slots of `date` still open for booking at `now` (a slot closes when it ends). */
export function openSlots(date: string, now: Date): number[] {
  const all = Array.from({ length: SLOTS_PER_DAY }, (_, i) => i);
  const today = shanghai(now);
  if (date !== today.date) return bookableDays(now).includes(date) ? all : [];
  return all.filter((slot) => OPENING_MINUTE + (slot + 1) * SLOT_MINUTES > today.minute);
}
