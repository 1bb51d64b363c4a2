"use server";
// Registry clerk's case actions and the senior admin's override: each one permission, one
// use-case, then the case page is re-rendered.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { DOCUMENT_KINDS } from "@/contracts";
import { defineAction } from "@/lib/dal/action";
import { approveApplication } from "@/lib/dal/registration/approve-application";
import { claimApplication } from "@/lib/dal/registration/claim-application";
import { dispatchChecks } from "@/lib/dal/registration/dispatch-checks";
import { overrideCheck } from "@/lib/dal/registration/override-check";
import { rejectApplication } from "@/lib/dal/registration/reject-application";
import { releaseApplication } from "@/lib/dal/registration/release-application";
import { requestMaterial } from "@/lib/dal/registration/request-material";
import { getDb } from "@/lib/db";

const appId = z.string().regex(/^app-[0-9a-f-]{36}$/, "invalid");
const reasonCode = z.string().trim().regex(/^[a-z][a-z0-9_]{1,63}$/, "invalid");
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const done = (applicationId: string) => {
  revalidatePath("/clerk");
  revalidatePath(`/clerk/cases/${applicationId}`);
  return { ok: true as const };
};

export const claimCase = defineAction(z.object({ applicationId: appId, open: z.literal("1").optional() }), "application.claim", async ({ applicationId, open }, { actor }) => {
  await claimApplication(await getDb(), { actor, applicationId });
  if (open) redirect(`/clerk/cases/${applicationId}`);
  return done(applicationId);
});

export const releaseCase = defineAction(z.object({ applicationId: appId }), "application.claim", async ({ applicationId }, { actor }) => {
  await releaseApplication(await getDb(), { actor, applicationId });
  return done(applicationId);
});

export const dispatchCase = defineAction(z.object({ applicationId: appId }), "check.dispatch", async ({ applicationId }, { actor }) => {
  await dispatchChecks(await getDb(), { actor, applicationId });
  return done(applicationId);
});

export const requestMaterialCase = defineAction(
  z.object({ applicationId: appId, reasonCode, note: plainText({ min: 1, max: 2000, multiline: true }), documentKinds: z.preprocess(list, z.array(z.enum(DOCUMENT_KINDS)).min(1, "required").max(10)) }),
  "application.request_material",
  async ({ applicationId, reasonCode, note, documentKinds }, { actor }) => {
    await requestMaterial(await getDb(), { actor, input: { applicationId, reasonCode, note, documentKinds } });
    return done(applicationId);
  },
);

export const approveCase = defineAction(z.object({ applicationId: appId }), "application.approve", async ({ applicationId }, { actor }) => {
  await approveApplication(await getDb(), { actor, applicationId });
  return done(applicationId);
});

export const rejectCase = defineAction(
  z.object({ applicationId: appId, reasonCode, note: z.string().trim().min(1).max(2000), citesCheckIds: z.preprocess(list, z.array(z.string().max(200)).max(40)) }),
  "application.reject",
  async ({ applicationId, reasonCode, note, citesCheckIds }, { actor }) => {
    await rejectApplication(await getDb(), { actor, input: { applicationId, reasonCode, note, citesCheckIds } });
    return done(applicationId);
  },
);

export const overrideCase = defineAction(
  z.object({ applicationId: appId, checkId: z.string().min(1).max(200), reasonCode, note: plainText({ min: 10, max: 4000, multiline: true }) }),
  "application.override",
  async ({ applicationId, checkId, reasonCode, note }, { actor }) => {
    await overrideCheck(await getDb(), { actor, input: { applicationId, checkId, reasonCode, note } });
    revalidatePath(`/clerk/cases/${applicationId}/override`);
    return { ok: true };
  },
);
