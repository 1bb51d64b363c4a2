"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction } from "@/lib/dal/action";
import { setStaffDisabled as setStaffDisabledUseCase } from "@/lib/dal/auth/set-staff-disabled";
import { getDb } from "@/lib/db";

const schema = z.object({
  userId: z.uuid(),
  disabled: z.enum(["true", "false"]).transform((value) => value === "true"),
});

export const setStaffDisabled = defineAction(schema, "staff.manage", async ({ userId, disabled }, { actor }) => {
  await setStaffDisabledUseCase(await getDb(), { actor, userId, disabled });
  revalidatePath("/admin/staff");
  return { ok: true };
});
