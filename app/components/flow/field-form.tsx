"use client";
// A form whose fields are described as data, so each field shows its own errors from the
// action's result (per-field validation), with an error summary above and a pending label.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { TextField } from "@/app/components/form-field";
import type { ActionResult, ServerAction } from "@/lib/dal/action";
import { MAX_DOCUMENT_BYTES } from "@/lib/http/body-limits";
import { SubmitButton } from "./action-form";

export interface FieldSpec {
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  type?: "text" | "file";
  accept?: string;
  required?: boolean;
  /** A select instead of a text input. */
  options?: { value: string; label: string }[];
  hidden?: Record<string, string>;
}

export function FieldForm({ action, hidden, fields, label, pendingLabel, doneMessage }: { action: ServerAction; hidden?: Record<string, string>; fields: FieldSpec[]; label: string; pendingLabel?: string; doneMessage?: string }) {
  const t = useTranslations("flow.common");
  const tErr = useTranslations("errors");
  // React resets a form after its action; keep what was typed so a refused form shows it
  // again beside the errors instead of emptying the fields.
  const [state, formAction] = useActionState<(ActionResult & { values?: Record<string, string> }) | null, FormData>(async (previous, formData) => {
    const values: Record<string, string> = {};
    for (const [key, value] of formData.entries()) if (typeof value === "string") values[key] = value;
    // A file over the limit is refused here, in the visitor's language, instead of sending
    // megabytes the server refuses with a bare 413 (proxy.ts).
    const oversize = [...formData.entries()].filter(([, value]) => value instanceof File && value.size > MAX_DOCUMENT_BYTES).map(([key]) => key);
    if (oversize.length > 0) {
      return { ok: false, message: tErr("checkForm"), fieldErrors: Object.fromEntries(oversize.map((key) => [key, [tErr("flow.field.fileTooLarge")]])), values };
    }
    const result = await action(previous, formData);
    return { ...result, values };
  }, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const errorsOf = (name: string) => errors[name] ?? errors[name.replace(/-\d+$/, "")];
  return (
    <form action={formAction} encType={fields.some((f) => f.type === "file") ? "multipart/form-data" : undefined}>
      {Object.entries(hidden ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {state && !state.ok ? (
        <div role="alert" className="mb-4 border-l-4 border-danger p-3">
          <p className="font-semibold text-danger">{state.message ?? tErr("checkForm")}</p>
        </div>
      ) : null}
      {state?.ok ? (
        <p role="status" className="mb-4 font-semibold text-ok">
          {doneMessage ?? t("done")}
        </p>
      ) : null}
      {fields.map((f) => (
        <div key={f.name}>
          {Object.entries(f.hidden ?? {}).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          {f.options ? (
            <SelectField spec={{ ...f, defaultValue: state?.values?.[f.name] ?? f.defaultValue }} errors={errorsOf(f.name)} />
          ) : (
            <TextField
              name={f.name}
              label={f.label}
              hint={f.hint}
              errors={errorsOf(f.name)}
              defaultValue={f.type === "file" ? undefined : (state?.values?.[f.name] ?? f.defaultValue)}
              type={f.type ?? "text"}
              accept={f.accept}
              required={f.required}
            />
          )}
        </div>
      ))}
      <SubmitButton label={label} pendingLabel={pendingLabel} />
    </form>
  );
}

function SelectField({ spec, errors }: { spec: FieldSpec; errors: string[] | undefined }) {
  const id = `field-${spec.name}`;
  return (
    <div className={`mb-5 ${errors ? "border-l-4 border-danger pl-3" : ""}`}>
      <label htmlFor={id} className="mb-1 block font-semibold">
        {spec.label}
      </label>
      {errors ? <p id={`${id}-error`} className="mb-1 font-semibold text-danger">{errors.join(" ")}</p> : null}
      <select id={id} name={spec.name} defaultValue={spec.defaultValue} className="field-input" aria-invalid={errors ? true : undefined} aria-describedby={errors ? `${id}-error` : undefined}>
        {spec.options!.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
