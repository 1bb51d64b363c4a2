"use client";
// A form bound to a server action (lib/dal/action.ts): shows a pending label while it runs
// (useFormStatus), the result in a live region, field errors by field name, and — for
// irreversible steps — asks for confirmation first, in the page (keyboard reachable; no
// window.confirm, which screen readers and tests handle badly). A field error is tied to its
// field: the field gets aria-invalid and aria-describedby pointing at its message in the
// announced summary, and the summary names the field by its label.
import { useTranslations } from "next-intl";
import { useActionState, useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useFormStatus } from "react-dom";
import type { ActionResult, ServerAction } from "@/lib/dal/action";

export function SubmitButton({ label, pendingLabel, variant = "primary", size }: { label: string; pendingLabel?: string; variant?: "primary" | "secondary" | "danger"; size?: "sm" }) {
  const { pending } = useFormStatus();
  const t = useTranslations("flow.common");
  return (
    <button type="submit" className={`btn ${variant === "secondary" ? "btn-secondary" : "btn-primary"} ${variant === "danger" ? "!bg-danger" : ""} ${size === "sm" ? "btn-sm" : ""}`} disabled={pending} aria-busy={pending || undefined}>
      {pending ? (pendingLabel ?? t("submitting")) : label}
    </button>
  );
}

export function ActionForm({
  action,
  hidden,
  label,
  pendingLabel,
  confirm,
  variant,
  doneMessage,
  children,
  className,
  size,
}: {
  action: ServerAction;
  hidden?: Record<string, string>;
  label: string;
  pendingLabel?: string;
  /** When set, the first press asks this question; the form submits only after "Yes". */
  confirm?: string;
  variant?: "primary" | "secondary" | "danger";
  doneMessage?: string;
  children?: ReactNode;
  className?: string;
  /** "sm": the compact buttons of a dense staff table row. */
  size?: "sm";
}) {
  const t = useTranslations("flow.common");
  const sm = size === "sm" ? "btn-sm" : "";
  // React resets a form after its action; a refused form gets what was typed back (below).
  const [state, formAction] = useActionState<(ActionResult & { sent?: FormData }) | null, FormData>(
    async (previous, formData) => ({ ...(await action(previous, formData)), sent: formData }),
    null,
  );
  const [asking, setAsking] = useState(false);
  const yesRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const errorId = useId();
  const [fieldLabels, setFieldLabels] = useState<Record<string, string>>({});
  useEffect(() => {
    if (asking) yesRef.current?.focus();
  }, [asking]);
  useEffect(() => {
    setAsking(false);
    const form = formRef.current;
    if (!form) return;
    const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
    const labels: Record<string, string> = {};
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement) || !element.name) continue;
      // Keep the field's own description (a hint) and add its error message, or take it away again.
      const base = element.dataset.describedbyBase ?? element.getAttribute("aria-describedby") ?? "";
      element.dataset.describedbyBase = base;
      if (errors[element.name]) {
        element.setAttribute("aria-invalid", "true");
        element.setAttribute("aria-describedby", `${base} ${errorId}-${element.name}`.trim());
        labels[element.name] = element.labels?.[0]?.textContent?.trim() ?? "";
      } else {
        element.removeAttribute("aria-invalid");
        if (base) element.setAttribute("aria-describedby", base);
        else element.removeAttribute("aria-describedby");
      }
    }
    setFieldLabels(labels);
    if (!state || state.ok || !state.sent) return;
    for (const element of Array.from(form.elements)) {
      if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
      if (!element.name || element.type === "hidden" || element.type === "file") continue;
      const sent = state.sent.getAll(element.name).map(String);
      if (element instanceof HTMLInputElement && (element.type === "checkbox" || element.type === "radio")) element.checked = sent.includes(element.value);
      else if (sent[0] !== undefined) element.value = sent[0];
    }
  }, [state]);
  const fieldErrors = state && !state.ok ? Object.entries(state.fieldErrors ?? {}) : [];
  return (
    <form ref={formRef} action={formAction} className={className ?? "space-y-3"} noValidate={false}>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {children}
      {state && !state.ok ? (
        <div role="alert" className="border-l-4 border-danger pl-3 font-semibold text-danger">
          <p>{state.message}</p>
          {fieldErrors.length > 0 ? (
            <ul className="list-disc pl-5 font-normal">
              {fieldErrors.map(([field, messages]) => (
                <li key={field} id={`${errorId}-${field}`} data-field={field}>
                  {fieldLabels[field] ? `${fieldLabels[field]}: ` : ""}
                  {messages.join(" ")}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {state?.ok ? (
        <p role="status" className="font-semibold text-ok">
          {doneMessage ?? t("done")}
        </p>
      ) : null}
      {confirm && !asking ? (
        <button
          type="button"
          className={`btn ${variant === "secondary" ? "btn-secondary" : "btn-primary"} ${variant === "danger" ? "!bg-danger" : ""} ${sm}`}
          onClick={() => {
            if (formRef.current && !formRef.current.reportValidity()) return;
            setAsking(true);
          }}
        >
          {label}
        </button>
      ) : null}
      {confirm && asking ? (
        <div role="group" aria-labelledby={`${label}-q`} className="border-l-4 border-focus bg-panel p-3">
          <p id={`${label}-q`} className="mb-2 font-semibold">
            {confirm}
          </p>
          <div className="flex gap-2">
            <ConfirmYes ref={yesRef} label={t("confirm")} size={size} />
            <button type="button" className={`btn btn-secondary ${sm}`} onClick={() => setAsking(false)}>
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : null}
      {!confirm ? <SubmitButton label={label} pendingLabel={pendingLabel} variant={variant} size={size} /> : null}
    </form>
  );
}

function ConfirmYes({ label, ref, size }: { label: string; ref: React.Ref<HTMLButtonElement>; size?: "sm" }) {
  const { pending } = useFormStatus();
  const t = useTranslations("flow.common");
  return (
    <button ref={ref} type="submit" className={`btn btn-primary ${size === "sm" ? "btn-sm" : ""}`} disabled={pending} aria-busy={pending || undefined}>
      {pending ? t("submitting") : label}
    </button>
  );
}
