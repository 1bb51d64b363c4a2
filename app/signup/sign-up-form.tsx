"use client";
// The resident sign-up form. Submitted through the server action without resetting the
// fields, so a refused form keeps what was typed; errors are listed in an announced
// summary (linked to each field) and beside each field.
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition, type FormEvent } from "react";
import { TextField } from "@/app/components/form-field";
import type { ActionResult } from "@/lib/dal/action";
import { signUp } from "./actions";

const FIELDS = ["name", "residentId", "phone", "password"] as const;

export function SignUpForm() {
  const t = useTranslations("signUp");
  const [result, setResult] = useState<ActionResult | null>(null);
  const [pending, startTransition] = useTransition();
  const summaryRef = useRef<HTMLDivElement>(null);
  const failed = result && !result.ok ? result : null;

  useEffect(() => {
    if (failed) summaryRef.current?.focus();
  }, [failed]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    startTransition(async () => {
      setResult(await signUp(null, form));
    });
  }

  const errorsFor = (field: string) => failed?.fieldErrors?.[field];
  // method="post": should the script not run, the ID number must never end up in a URL.
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="max-w-xl">
      <div ref={summaryRef} role="alert" aria-live="assertive" tabIndex={-1}>
        {failed ? (
          <div className="mb-6 border-4 border-danger p-4">
            <h2 className="mb-2 text-xl font-bold">{t("errorSummary")}</h2>
            {failed.message ? <p className="mb-2">{failed.message}</p> : null}
            <ul className="list-disc pl-5">
              {FIELDS.flatMap((field) =>
                (errorsFor(field) ?? []).map((message) => (
                  <li key={`${field}-${message}`}>
                    <a href={`#field-${field}`} className="font-semibold text-danger underline">
                      {t(field)}: {message}
                    </a>
                  </li>
                )),
              )}
            </ul>
          </div>
        ) : null}
      </div>
      <TextField name="name" label={t("name")} autoComplete="name" errors={errorsFor("name")} required />
      <TextField
        name="residentId"
        label={t("residentId")}
        hint={t("residentIdHint")}
        autoComplete="off"
        autoCapitalize="characters"
        spellCheck={false}
        maxLength={24}
        errors={errorsFor("residentId")}
        required
      />
      <TextField name="phone" label={t("phone")} hint={t("phoneHint")} type="tel" inputMode="numeric" autoComplete="tel" errors={errorsFor("phone")} required />
      <TextField
        name="password"
        label={t("password")}
        hint={t("passwordHint")}
        type="password"
        autoComplete="new-password"
        errors={errorsFor("password")}
        required
      />
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
