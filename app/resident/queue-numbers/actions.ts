"use server";
// Resident's online queue numbers: book a slot, cancel a number still waiting.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/dal/action";
import { bookQueueNumber } from "@/lib/dal/queue-numbers/book-queue-number";
import { cancelQueueBooking } from "@/lib/dal/queue-numbers/my-queue-bookings";
import { QUEUE_SERVICES } from "@/lib/dal/queue-numbers/timetable";
import { getDb } from "@/lib/db";

export const bookQueueSlot = defineAction(
  z.object({
    service: z.enum(QUEUE_SERVICES),
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "invalid"),
    slot: z.coerce.number().int().min(0).max(47),
    applicationId: z.string().max(80).optional(),
  }),
  "queue_number.book",
  async (input, { actor }) => {
    await bookQueueNumber(await getDb(), { actor, input });
    revalidatePath("/resident/queue-numbers");
    return { ok: true };
  },
);

export const cancelQueueSlot = defineAction(z.object({ bookingId: z.uuid() }), "queue_number.book", async (input, { actor }) => {
  await cancelQueueBooking(await getDb(), { actor, input });
  revalidatePath("/resident/queue-numbers");
  return { ok: true };
});
