"use server";
// Clerk at a hall window: call the next number, close the number at the window.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/dal/action";
import { callNextNumber, closeCalledNumber } from "@/lib/dal/queue-numbers/window-queue";
import { getDb } from "@/lib/db";

export const callNextQueueNumber = defineAction(z.object({ window: z.string().min(1).max(4) }), "queue_number.call", async (input, { actor }) => {
  await callNextNumber(await getDb(), { actor, input });
  revalidatePath("/clerk/queue-numbers");
  return { ok: true };
});

export const closeQueueNumber = defineAction(
  z.object({ bookingId: z.uuid(), outcome: z.enum(["served", "missed"]) }),
  "queue_number.call",
  async (input, { actor }) => {
    await closeCalledNumber(await getDb(), { actor, input });
    revalidatePath("/clerk/queue-numbers");
    return { ok: true };
  },
);
