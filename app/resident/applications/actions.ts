"use server";
// Resident's registration actions: the guided filing form (each step saves the draft
// server-side), document upload, submit, counter-party confirmation, more material,
// withdrawal, notifications. Every one goes through defineAction and a use-case.
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { APPLICATION_KINDS, DOCUMENT_KINDS } from "@/contracts";
import { ActionError, defineAction } from "@/lib/dal/action";
import { confirmApplication } from "@/lib/dal/registration/confirm-application";
import { getDraft } from "@/lib/dal/registration/get-draft";
import { markNotificationsRead } from "@/lib/dal/registration/list-notifications";
import type { PartyInput } from "@/lib/dal/registration/parties";
import { provideMaterial } from "@/lib/dal/registration/provide-material";
import { saveDraft } from "@/lib/dal/registration/save-draft";
import { submitApplication } from "@/lib/dal/registration/submit-application";
import { uploadDocument } from "@/lib/dal/registration/upload-document";
import { withdrawApplication } from "@/lib/dal/registration/withdraw-application";
import { getDb } from "@/lib/db";

const appId = z.string().regex(/^app-[0-9a-f-]{36}$/, "invalid");
const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export const saveUnitStep = defineAction(
  z.object({ applicationId: appId.optional().or(z.literal("").transform(() => undefined)), kind: z.enum(APPLICATION_KINDS), unitNumber: z.string().trim().min(1).max(60) }),
  "application.file",
  async ({ applicationId, kind, unitNumber }, { actor }) => {
    const db = await getDb();
    const parties = applicationId ? (await getDraft(db, { actor, applicationId })).parties : [];
    const saved = await saveDraft(db, { actor, input: { applicationId, kind, unitNumber, parties } }).catch(rename({ unitNumber: "unitNumber" }));
    redirect(`/resident/applications/${saved.applicationId}/edit?step=parties`);
  },
);

export const savePartiesStep = defineAction(
  // One field per party: `party-<i>` (its ID number), with its role in `partyRole` (repeated).
  z.looseObject({ applicationId: appId, partyRole: z.preprocess(list, z.array(z.string().max(20)).max(20)) }),
  "application.file",
  async (input, { actor }) => {
    const { applicationId, partyRole } = input;
    const db = await getDb();
    const draft = await getDraft(db, { actor, applicationId });
    const parties = partyRole.map((role, i): PartyInput => {
      const raw = (input as Record<string, unknown>)[`party-${i}`];
      const value = typeof raw === "string" ? raw.slice(0, 40) : "";
      if (role === "mortgagee" || role === "court") return { role, organisation: role === "mortgagee" ? "bank" : "court" };
      return { role: role as "seller", residentId: value };
    });
    await saveDraft(db, { actor, input: { applicationId, kind: draft.kind, unitNumber: draft.unitNumber, parties } }).catch(rename({}));
    redirect(`/resident/applications/${applicationId}/edit?step=documents`);
  },
);

export const uploadDocumentStep = defineAction(
  z.object({ applicationId: appId, kind: z.enum(DOCUMENT_KINDS), file: z.instanceof(File, { message: "errors.required" }) }),
  "application.file",
  async ({ applicationId, kind, file }, { actor }) => {
    if (file.size === 0) throw new ActionError("checkForm", { fieldErrors: { file: ["required"] } });
    const bytes = new Uint8Array(await file.arrayBuffer());
    // A refused name (../, NUL, a right-to-left override) is shown at the file field.
    await uploadDocument(await getDb(), { actor, input: { applicationId, kind, fileName: file.name, bytes, declaredType: file.type || undefined } }).catch(rename({ fileName: "file" }));
    revalidatePath(`/resident/applications/${applicationId}`, "layout");
    return { ok: true };
  },
);

export const submitStep = defineAction(z.object({ applicationId: appId }), "application.file", async ({ applicationId }, { actor }) => {
  // submitApplication lists every uploaded document itself before submitting.
  await submitApplication(await getDb(), { actor, applicationId });
  redirect(`/resident/applications/${applicationId}`);
});

export const confirmAsParty = defineAction(z.object({ applicationId: appId }), "application.confirm", async ({ applicationId }, { actor }) => {
  await confirmApplication(await getDb(), { actor, applicationId });
  redirect(`/resident/applications/${applicationId}`);
});

export const handInMaterial = defineAction(z.object({ applicationId: appId }), "application.file", async ({ applicationId }, { actor }) => {
  await provideMaterial(await getDb(), { actor, input: { applicationId } });
  revalidatePath(`/resident/applications/${applicationId}`);
  return { ok: true };
});

export const withdrawMine = defineAction(z.object({ applicationId: appId }), "application.file", async ({ applicationId }, { actor }) => {
  await withdrawApplication(await getDb(), { actor, input: { applicationId } });
  revalidatePath(`/resident/applications/${applicationId}`);
  return { ok: true };
});

export const markAllRead = defineAction(z.object({}), "application.view_own", async (_input, { actor }) => {
  await markNotificationsRead(await getDb(), { actor });
  revalidatePath("/resident/applications");
  return { ok: true };
});

/** Field errors of the use-case (`parties.0.residentId`) → the form's field names (`party-0`). */
function rename(map: Record<string, string>) {
  return (error: unknown): never => {
    if (error instanceof ActionError && error.fieldErrors) {
      const renamed: Record<string, string[]> = {};
      for (const [key, messages] of Object.entries(error.fieldErrors)) {
        const party = /^parties\.(\d+)/.exec(key);
        renamed[party ? `party-${party[1]}` : (map[key] ?? key)] = messages;
      }
      throw new ActionError(error.message, { fieldErrors: renamed, key: error.key, values: error.values });
    }
    throw error;
  };
}
