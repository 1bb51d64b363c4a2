"use client";
// The holder's share link, revealed on request, with a copy button. The disclosure rides in
// the URL fragment, so the recipient's browser checks it and no server ever receives it.
import { useState } from "react";

export function ShareLink({ url, labels }: { url: string; labels: { share: string; copy: string; copied: string; hint: string } }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState(false);
  return (
    <div className="mt-2">
      <button type="button" className="btn-secondary border px-3 py-2" aria-expanded={open} onClick={() => setOpen(!open)}>
        {labels.share}
      </button>
      {open ? (
        <div className="mt-2 space-y-2">
          <p className="text-sm text-muted">{labels.hint}</p>
          <input readOnly value={url} aria-label={labels.share} data-testid="share-url" className="w-full border p-2 font-mono text-sm" onFocus={(e) => e.currentTarget.select()} />
          <button
            type="button"
            className="border px-3 py-1"
            onClick={async () => {
              await navigator.clipboard?.writeText(url).catch(() => undefined);
              setCopied(true);
            }}
          >
            {copied ? labels.copied : labels.copy}
          </button>
        </div>
      ) : null}
    </div>
  );
}
