"use server";
// Public progress query: application number + last four digits of the applicant's phone →
// the status, nothing else. Limited per client address (lib/dal/registration/query-progress).
import { headers } from "next/headers";
import { z } from "zod";
import { clientIp } from "@/lib/auth/client-ip";
import { ActionError, defineAction } from "@/lib/dal/action";
import { queryProgress } from "@/lib/dal/registration/query-progress";
import { getDb } from "@/lib/db";

export const queryApplicationProgress = defineAction(
  z.object({
    applicationId: z.string().trim().min(1, "required").max(80, "progress.notFound"),
    phoneLast4: z.string().trim().regex(/^\d{4}$/, "progress.digits"),
  }),
  "public",
  async (input) => {
    const answer = await queryProgress(await getDb(), { input, clientKey: clientIp(await headers()) });
    if (answer.ok) return { ok: true, status: answer.status };
    if (answer.reason === "RATE_LIMITED") throw new ActionError("progress.tooMany", { values: { seconds: answer.retryAfterSeconds ?? 60 } });
    throw new ActionError("progress.notFound");
  },
);
