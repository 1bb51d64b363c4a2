"use server";
// Senior admins: propose, approve and withdraw/reject rule versions (issue 6 item 1).
import { revalidatePath } from "next/cache";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import type { RulesCommand } from "@/contracts/rules/rules";
import type { Actor } from "@/lib/auth/permissions";
import { ActionError, defineAction, type ActionResult } from "@/lib/dal/action";
import { runRulesCommand } from "@/lib/dal/admin/rule-desk";
import { getDb } from "@/lib/db";

async function run(actor: Actor, command: RulesCommand): Promise<ActionResult<{ version: number; published: boolean }>> {
  try {
    const result = await runRulesCommand(await getDb(), { actor, command });
    revalidatePath("/admin/rules");
    return { ok: true, version: result.version, published: result.type === "rules.published" };
  } catch (error) {
    if (error instanceof ActionError && error.message.startsWith("adminRules.errors.")) {
      const t = await getTranslations("adminRules.errors");
      return { ok: false, message: t(error.message.slice("adminRules.errors.".length), { detail: String(error.values?.detail ?? "") }) };
    }
    throw error;
  }
}

const kindsJson = z
  .string()
  .max(200_000)
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "invalid" });
      return z.NEVER;
    }
  });

export const proposeRules = defineAction(z.object({ kinds: kindsJson }), "rules.publish", async ({ kinds }, { actor }) => run(actor, { type: "propose", kinds }));

const versionSchema = z.object({ version: z.coerce.number().int().min(1).max(1_000_000) });

export const approveRules = defineAction(versionSchema, "rules.approve", async ({ version }, { actor }) => run(actor, { type: "approve", version }));

export const rejectRules = defineAction(versionSchema, "rules.publish", async ({ version }, { actor }) => run(actor, { type: "reject", version }));
