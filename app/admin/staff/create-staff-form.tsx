"use client";
// Creates a staff or institution account and shows its first password once.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/app/components/flow/action-form";
import { ShownOnce } from "@/app/components/shown-once";
import type { ActionResult } from "@/lib/dal/action";
import type { createStaff } from "./actions";
import { PlacementFields } from "./placement-fields";

type Result = ActionResult<{ login: string; password: string }>;

export function CreateStaffForm({ action }: { action: typeof createStaff }) {
  const t = useTranslations("adminStaff");
  const [state, formAction] = useActionState<Result | null, FormData>(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} className="space-y-3">
      <div className="flex flex-wrap gap-4">
        <div>
          <label htmlFor="new-login" className="mb-1 block font-semibold">{t("login")}</label>
          <input id="new-login" name="login" required minLength={3} maxLength={40} autoComplete="off" className="field-input" aria-describedby="new-login-hint" />
          <p id="new-login-hint" className="text-sm text-muted">{t("loginHint")}</p>
          {errors.login ? <p className="font-semibold text-danger">{errors.login.join(" ")}</p> : null}
        </div>
        <div>
          <label htmlFor="new-name" className="mb-1 block font-semibold">{t("displayName")}</label>
          <input id="new-name" name="displayName" required minLength={2} maxLength={60} autoComplete="off" className="field-input" />
          {errors.displayName ? <p className="font-semibold text-danger">{errors.displayName.join(" ")}</p> : null}
        </div>
        <PlacementFields idPrefix="new" />
      </div>
      {errors.department ? <p className="font-semibold text-danger">{errors.department.join(" ")}</p> : null}
      <SubmitButton label={t("create")} />
      {state && !state.ok ? (
        <p role="alert" className="font-semibold text-danger">
          {state.message}
        </p>
      ) : null}
      {state?.ok ? (
        <ShownOnce heading={t("created", { login: state.login })} label={t("passwordOnce")} value={state.password} testId="new-password" />
      ) : null}
    </form>
  );
}
