"use client";
// Step 1 draws a secret (QR code + the same secret as text, for typing into an app);
// step 2 confirms a code from the app, which enables the second factor.
import { useTranslations } from "next-intl";
import { useActionState } from "react";
import { SubmitButton } from "@/app/components/flow/action-form";
import { TextField } from "@/app/components/form-field";
import type { ActionResult, ServerAction } from "@/lib/dal/action";

type Started = ActionResult<{ qrDataUrl: string; secret: string }>;

export function EnrolForm({ start, confirm }: { start: ServerAction<{ qrDataUrl: string; secret: string }>; confirm: ServerAction }) {
  const t = useTranslations("twoFactor");
  const [started, startAction] = useActionState<Started | null, FormData>(start, null);
  const [confirmed, confirmAction] = useActionState<ActionResult | null, FormData>(confirm, null);
  const codeErrors = confirmed && !confirmed.ok ? confirmed.fieldErrors?.code : undefined;

  if (!started || !started.ok) {
    return (
      <form action={startAction}>
        <div role="alert" aria-live="assertive">
          {started && !started.ok ? <p className="mb-4 border-l-4 border-danger bg-panel p-3 font-semibold text-danger">{started.message}</p> : null}
        </div>
        <SubmitButton label={t("start")} />
      </form>
    );
  }
  return (
    <div>
      <h2 className="mb-2 text-xl font-bold">{t("scanTitle")}</h2>
      <p className="mb-4 max-w-prose">{t("scanBody")}</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL drawn on the server */}
      <img src={started.qrDataUrl} alt={t("qrAlt")} width={240} height={240} className="mb-4 border border-line" />
      <p className="mb-1 font-semibold">{t("secretLabel")}</p>
      <p className="mb-6 font-mono text-lg break-all" data-testid="totp-secret">
        {started.secret}
      </p>
      <form action={confirmAction} noValidate>
        <div role="alert" aria-live="assertive">
          {confirmed && !confirmed.ok && confirmed.message ? <p className="mb-4 border-l-4 border-danger bg-panel p-3 font-semibold text-danger">{confirmed.message}</p> : null}
        </div>
        <TextField name="code" label={t("codeLabel")} hint={t("codeHint")} errors={codeErrors} inputMode="numeric" autoComplete="one-time-code" maxLength={20} required />
        <SubmitButton label={t("confirm")} />
      </form>
    </div>
  );
}
