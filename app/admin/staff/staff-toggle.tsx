"use client";
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { setStaffDisabled } from "./actions";

export function StaffToggle({ userId, login, disabled }: { userId: string; login: string; disabled: boolean }) {
  const t = useTranslations("staff");
  const [state, action, pending] = useActionState(setStaffDisabled, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="disabled" value={disabled ? "false" : "true"} />
      <button type="submit" className="btn btn-secondary text-sm" disabled={pending} aria-label={t(disabled ? "enable" : "disable", { login })}>
        {t(disabled ? "enableShort" : "disableShort")}
      </button>
      <span role="status" className={state && !state.ok ? "font-semibold text-danger" : "sr-only"}>
        {state ? (state.ok ? t("done") : state.message) : ""}
      </span>
    </form>
  );
}
