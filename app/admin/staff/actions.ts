"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { defineAction, type ActionResult } from "@/lib/dal/action";
import { changeStaffRole as changeStaffRoleUseCase, changeStaffRoleInputSchema } from "@/lib/dal/admin/change-staff-role";
import { createStaffAccount, createStaffInputSchema } from "@/lib/dal/admin/create-staff";
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

export const createStaff = defineAction(createStaffInputSchema, "staff.manage", async (input, { actor }): Promise<ActionResult<{ login: string; password: string }>> => {
  const created = await createStaffAccount(await getDb(), { actor, input });
  revalidatePath("/admin/staff");
  return { ok: true, login: created.login, password: created.password };
});

export const changeStaffRole = defineAction(changeStaffRoleInputSchema, "staff.manage", async (input, { actor }) => {
  await changeStaffRoleUseCase(await getDb(), { actor, input });
  revalidatePath("/admin/staff");
  return { ok: true };
});
