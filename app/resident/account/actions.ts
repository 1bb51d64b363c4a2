"use server";
// Resident's account settings: the optional email address for case notifications.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/dal/action";
import { notificationEmailSchema, setNotificationEmail } from "@/lib/dal/auth/notification-email";
import { getDb } from "@/lib/db";

export const saveNotificationEmail = defineAction(
  z.object({ email: z.string().trim().pipe(notificationEmailSchema) }),
  "application.view_own",
  async ({ email }, { actor }) => {
    await setNotificationEmail(await getDb(), { actor, email });
    revalidatePath("/resident/account");
    return { ok: true };
  },
);
