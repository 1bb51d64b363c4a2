"use server";
// Department admin: authorise or refuse a request, have the adapter answer it, and manage
// standing rules. Each is one permission and one use-case.
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { ACCESS_PURPOSES } from "@/contracts/access-grant/access-grant";
import { defineAction } from "@/lib/dal/action";
import { revokeGrant } from "@/lib/dal/access/revoke-grant";
import { setStandingRule } from "@/lib/dal/access/set-standing-rule";
import { answerRequest } from "@/lib/dal/departments/answer-request";
import { authoriseRequest } from "@/lib/dal/departments/authorise-request";
import { refuseRequest } from "@/lib/dal/departments/refuse-request";
import { getDb } from "@/lib/db";

const requestId = z.string().min(1).max(300);
const reasonCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,63}$/, "invalid");

export const authoriseInboxRequest = defineAction(z.object({ requestId }), "check.authorise", async ({ requestId }, { actor }) => {
  // Authorising and answering are separate steps on this page: the admin sees the
  // authorisation recorded, then runs the check.
  await authoriseRequest(await getDb(), { actor, requestId, answerNow: false });
  revalidatePath("/department");
  return { ok: true };
});

export const refuseInboxRequest = defineAction(
  z.object({ requestId, reasonCode, note: plainText({ max: 2000, multiline: true }).optional() }),
  "check.authorise",
  async ({ requestId, reasonCode, note }, { actor }) => {
    await refuseRequest(await getDb(), { actor, input: { requestId, reasonCode, note: note || undefined } });
    revalidatePath("/department");
    return { ok: true };
  },
);

export const answerInboxRequest = defineAction(z.object({ requestId }), "check.answer", async ({ requestId }, { actor }) => {
  await answerRequest(await getDb(), { actor, requestId });
  revalidatePath("/department");
  return { ok: true };
});

export const createStandingRule = defineAction(
  z.object({ check: z.string().regex(/^[a-z][a-z0-9_]{1,40}$/, "invalid"), purpose: z.enum(ACCESS_PURPOSES) }),
  "standing_rule.manage",
  async ({ check, purpose }, { actor }) => {
    await setStandingRule(await getDb(), { actor, input: { check, purpose } });
    revalidatePath("/department/standing-rules");
    return { ok: true };
  },
);

export const revokeStandingRule = defineAction(z.object({ grantId: z.string().min(1).max(100), reasonCode }), "standing_rule.manage", async ({ grantId, reasonCode }, { actor }) => {
  await revokeGrant(await getDb(), { actor, input: { grantId, reasonCode } });
  revalidatePath("/department/standing-rules");
  return { ok: true };
});
