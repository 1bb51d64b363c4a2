"use client";
// Creates a key and shows it once: it is not stored anywhere but in the admin's hands.
import { useActionState } from "react";
import { SubmitButton } from "@/app/components/flow/action-form";
import { ShownOnce } from "@/app/components/shown-once";
import type { ActionResult } from "@/lib/dal/action";
import type { createInstitutionKey } from "./actions";

type Result = ActionResult<{ keyId: string; key: string }>;

export function CreateKeyForm({
  action,
  labels,
}: {
  action: typeof createInstitutionKey;
  labels: { institution: string; kind: string; kinds: Record<string, string>; create: string; shownOnce: string };
}) {
  const [state, formAction] = useActionState<Result | null, FormData>(action, null);
  return (
    <form action={formAction} className="space-y-3">
      <label className="block">
        <span className="block font-semibold">{labels.institution}</span>
        <input name="institution" required minLength={2} maxLength={100} className="w-full border p-2" />
      </label>
      <label className="block">
        <span className="block font-semibold">{labels.kind}</span>
        <select name="kind" className="border p-2">
          {Object.entries(labels.kinds).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <SubmitButton label={labels.create} />
      {state && !state.ok ? (
        <p role="alert" className="font-semibold text-danger">
          {state.message}
        </p>
      ) : null}
      {state?.ok ? (
        <ShownOnce label={labels.shownOnce} value={state.key} testId="new-key" />
      ) : null}
    </form>
  );
}
