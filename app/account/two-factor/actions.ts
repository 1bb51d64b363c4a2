"use server";
// TOTP enrolment for staff (issue 7 §2). These two actions, and the page, are the only
// surfaces a senior admin who has not enrolled yet can reach (lib/dal/auth/get-actor.ts).
import { redirect } from "next/navigation";
import { z } from "zod";
import { ROLE_HOME } from "@/lib/auth/permissions";
import { startSession } from "@/lib/auth/session-cookie";
import { defineAction, nextDeps } from "@/lib/dal/action";
import { confirmTotpEnrolment } from "@/lib/dal/auth/confirm-totp-enrolment";
import { getEnrollingActor } from "@/lib/dal/auth/get-actor";
import { startTotpEnrolment } from "@/lib/dal/auth/start-totp-enrolment";
import { getDb } from "@/lib/db";

const enrolling = { ...nextDeps, getActor: getEnrollingActor };

export const startTotp = defineAction(
  z.object({}),
  "totp.enrol",
  async (_input, { actor }) => {
    const enrolment = await startTotpEnrolment(await getDb(), { actor });
    return { ok: true, qrDataUrl: enrolment.qrDataUrl, secret: enrolment.secret };
  },
  enrolling,
);

export const confirmTotp = defineAction(
  z.object({ code: z.string().trim().min(1, "required").max(20, "invalid") }),
  "totp.enrol",
  async ({ code }, { actor }) => {
    const { sessionVersion } = await confirmTotpEnrolment(await getDb(), { actor, code });
    // Every older session ended; this one carries the second factor.
    await startSession({ id: actor.userId, displayName: actor.displayName, role: actor.role, sessionVersion, twoFactor: true });
    redirect(ROLE_HOME[actor.role]);
  },
  enrolling,
);
