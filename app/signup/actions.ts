"use server";
import { redirect } from "next/navigation";
import { startSession } from "@/lib/auth/session-cookie";
import { defineAction } from "@/lib/dal/action";
import { signUpResident, signUpSchema } from "@/lib/dal/auth/sign-up-resident";
import { getDb } from "@/lib/db";

/** Creates the resident's account, signs them in and takes them to their desk. */
export const signUp = defineAction(signUpSchema, "public", async (input) => {
  const resident = await signUpResident(await getDb(), input);
  await startSession(resident);
  redirect("/resident");
});
