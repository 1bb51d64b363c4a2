"use client";
// The progress query form: the answer (a status, or "not found") is read out by screen
// readers from a live region; field errors are tied to their fields.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/app/components/flow/action-form";
import type { ActionResult } from "@/lib/dal/action";
import { queryApplicationProgress } from "./actions";

type Answer = ActionResult<{ status: string }>;

export function ProgressForm({ statusLabels }: { statusLabels: Record<string, string> }) {
  const t = useTranslations("progressQuery");
  const [state, action] = useActionState<Answer | null, FormData>(queryApplicationProgress, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const field = (name: "applicationId" | "phoneLast4", props: { label: string; hint: string; inputMode?: "numeric"; maxLength?: number; pattern?: string; autoComplete?: string; className?: string }) => {
    const id = `pq-${name}`;
    const error = errors[name]?.join(" ");
    return (
      <div className={error ? "border-l-4 border-danger pl-3" : ""}>
        <label htmlFor={id} className="mb-1 block font-semibold">{props.label}</label>
        <p id={`${id}-hint`} className="mb-1 text-sm text-muted">{props.hint}</p>
        {error ? <p id={`${id}-error`} className="mb-1 font-semibold text-danger">{error}</p> : null}
        <input
          id={id}
          name={name}
          required
          inputMode={props.inputMode}
          maxLength={props.maxLength}
          pattern={props.pattern}
          autoComplete={props.autoComplete ?? "off"}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
          className={`field-input ${props.className ?? ""}`}
        />
      </div>
    );
  };
  return (
    <form action={action} className="space-y-5" noValidate>
      {field("applicationId", { label: t("applicationId"), hint: t("applicationIdHint"), className: "font-mono" })}
      {field("phoneLast4", { label: t("phoneLast4"), hint: t("phoneLast4Hint"), inputMode: "numeric", maxLength: 4, pattern: "\\d{4}", className: "w-32 font-mono" })}
      <SubmitButton label={t("submit")} pendingLabel={t("searching")} />
      <div aria-live="polite" data-testid="progress-answer">
        {state?.ok ? (
          <div className="border-l-4 border-ok bg-panel p-4" data-status={state.status}>
            <p className="text-sm text-muted">{t("statusIs")}</p>
            <p className="text-2xl font-bold">{statusLabels[state.status] ?? state.status}</p>
            <p className="mt-2 text-sm">{t("signInForMore")}</p>
          </div>
        ) : state && !state.ok ? (
          <p role="alert" className="border-l-4 border-danger pl-3 font-semibold text-danger">{state.message}</p>
        ) : null}
      </div>
    </form>
  );
}
