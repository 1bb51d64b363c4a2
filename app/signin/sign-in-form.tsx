"use client";
// Posts to next-auth's Credentials provider (lib/auth/options.ts) and turns its error codes
// into a message that is announced (role="alert") and tied to the form.
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useRef, useState, useTransition, type FormEvent } from "react";
import { TextField } from "@/app/components/form-field";

export function SignInForm({ returnTo }: { returnTo: string | null }) {
  const t = useTranslations("signIn");
  const [error, setError] = useState<string | null>(null);
  // Staff enrolled in TOTP: the server answered TOTP_REQUIRED, so the form asks for the code.
  const [askCode, setAskCode] = useState(false);
  const [pending, startTransition] = useTransition();
  const alertRef = useRef<HTMLDivElement>(null);

  function messageFor(code: string | null | undefined): string {
    const [kind, seconds] = (code ?? "").split(":");
    switch (kind) {
      case "INVALID":
      case "CredentialsSignin":
        return t("errors.INVALID");
      case "DISABLED":
        return t("errors.DISABLED");
      case "TOTP_REQUIRED":
        return t("errors.TOTP_REQUIRED");
      case "TOTP_INVALID":
        return t("errors.TOTP_INVALID");
      case "THROTTLED":
        return t("errors.THROTTLED", { minutes: Math.max(1, Math.ceil(Number(seconds) / 60)) });
      default:
        return t("errors.unexpected");
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const login = String(form.get("login") ?? "").trim();
    const password = String(form.get("password") ?? "");
    const code = String(form.get("code") ?? "").trim();
    if (!login || !password) {
      setError(t("errors.missing"));
      return;
    }
    startTransition(async () => {
      setError(null);
      const result = await signIn("credentials", { login, password, ...(code ? { code } : {}), redirect: false }).catch(() => undefined);
      if (result?.ok && !result.error) {
        // The sign-in page sends a signed-in visitor on to their desk (or where they were going).
        window.location.assign(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin");
        return;
      }
      const kind = (result?.error ?? "").split(":")[0];
      if (kind === "TOTP_REQUIRED" || kind === "TOTP_INVALID") setAskCode(true);
      setError(messageFor(result?.error));
      alertRef.current?.focus();
    });
  }

  // method="post": should the script not run, the password must never end up in a URL.
  return (
    <form method="post" action="/api/auth/callback/credentials" onSubmit={onSubmit} noValidate className="max-w-xl" aria-describedby={error ? "signin-error" : undefined}>
      <div ref={alertRef} id="signin-error" role="alert" aria-live="assertive" tabIndex={-1}>
        {error ? <p className="mb-5 border-l-4 border-danger bg-panel p-3 font-semibold text-danger">{error}</p> : null}
      </div>
      <TextField name="login" label={t("login")} autoComplete="username" autoCapitalize="none" spellCheck={false} required />
      <TextField name="password" label={t("password")} type="password" autoComplete="current-password" required />
      {askCode ? (
        <TextField name="code" label={t("code")} hint={t("codeHint")} inputMode="numeric" autoComplete="one-time-code" maxLength={20} required autoFocus />
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={pending}>
        {pending ? t("submitting") : t("submit")}
      </button>
    </form>
  );
}
