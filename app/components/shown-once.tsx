"use client";
// A secret the server hands over once and keeps only a hash of (a first password, an API
// key): shown read-only with a copy button and a plain warning that it will not be shown again.
import { useTranslations } from "next-intl";
import { useId, useState } from "react";

export function ShownOnce({ heading, label, value, testId }: { heading?: string; label: string; value: string; testId: string }) {
  const t = useTranslations("shownOnce");
  const id = useId();
  const [copied, setCopied] = useState<"yes" | "no" | null>(null);
  return (
    <div role="status" className="border-l-4 border-ok bg-panel p-3">
      {heading ? <p className="font-semibold">{heading}</p> : null}
      <label htmlFor={`${id}-value`} className="block">
        {label}
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <input
          id={`${id}-value`}
          readOnly
          value={value}
          data-testid={testId}
          aria-describedby={`${id}-warning`}
          className="field-input font-mono"
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="btn btn-secondary"
          onClick={() =>
            navigator.clipboard.writeText(value).then(
              () => setCopied("yes"),
              () => setCopied("no"),
            )
          }
        >
          {t("copy")}
        </button>
        <span aria-live="polite" className="text-sm">
          {copied === "yes" ? t("copied") : copied === "no" ? t("copyFailed") : ""}
        </span>
      </div>
      <p id={`${id}-warning`} className="mt-2 border-l-4 border-danger pl-2 text-sm font-semibold">
        {t("warning")}
      </p>
    </div>
  );
}
