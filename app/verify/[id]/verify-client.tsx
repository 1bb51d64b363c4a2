"use client";
// Verifies a credential IN THE BROWSER (DESIGN.md §6) with @noble (lib/crypto/backend-noble):
// the SD-JWT's signature, any disclosures in the URL fragment, the issuing entry, its
// inclusion proof and the checkpoint's log signature and cosignatures. The proof bundle was
// rendered into the page, so this works with the network cut after load; the live status is
// refreshed from the API when the network is there.
//
// URL fragment (never sent to any server):
//   #d=<disclosure>~<disclosure>   disclosures the holder shares (e.g. their name)
//   #c=<JWS>~<disclosure>~…~       a presented copy of the credential: checked against the log
import "@/lib/http/zod-jitless";
import { useEffect, useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatYuan } from "@/contracts/shared/money-format";
import { formatters } from "@/lib/i18n/format";
import { nobleBackend } from "@/lib/crypto/backend-noble";
import { verifyCredentialBundle, type BundleVerdict, type CheckName, type CheckOutcome, type CredentialAnswer } from "@/lib/credentials/verify-bundle";
import type { VerifyPageData } from "@/lib/dal/credentials/get-verify-bundle";

const CHECKS: CheckName[] = ["sdJwt", "entry", "inclusion", "checkpoint"];
const STEP_MS = 120;

type Verdict = "checking" | "valid" | "superseded" | "revoked" | "tampered" | "unknown" | "pending";

interface Fragment {
  disclosures: string[];
  presented: string | null;
}

function readFragment(hash: string): Fragment {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const d = params.get("d");
  const c = params.get("c");
  return {
    disclosures: d ? d.split("~").filter((part) => /^[A-Za-z0-9_-]+$/.test(part)) : [],
    presented: c && c.length < 64 * 1024 ? c : null,
  };
}

function verdictOf(result: BundleVerdict | null, status: CredentialAnswer["status"]): Verdict {
  if (!result) return "checking";
  if (!result.authentic) {
    const failed = result.checks.filter((c) => !c.ok);
    if (failed.length === 1 && !failed[0]!.ok && failed[0]!.code === "QUORUM_NOT_MET") return "pending";
    return "tampered";
  }
  return status;
}

const TONE: Record<Verdict, string> = {
  checking: "border-line bg-panel",
  valid: "border-ok bg-[#e6f2eb]",
  superseded: "border-[#b58105] bg-[#fff7e0]",
  revoked: "border-danger bg-[#fbe9eb]",
  tampered: "border-danger bg-[#fbe9eb]",
  unknown: "border-line bg-panel",
  pending: "border-[#b58105] bg-[#fff7e0]",
};

export function VerifyClient({ id, data, districtNames }: { id: string; data: VerifyPageData; districtNames: Record<string, string> }) {
  const t = useTranslations("verify");
  const locale = useLocale();
  const [result, setResult] = useState<BundleVerdict | null>(null);
  const [shown, setShown] = useState(0);
  const [elapsedMs, setElapsedMs] = useState<number | null>(null);
  const [fragment, setFragment] = useState<Fragment>({ disclosures: [], presented: null });
  const [live, setLive] = useState<{ state: "loading" | "online" | "offline"; status?: CredentialAnswer["status"] }>({ state: "loading" });

  useEffect(() => {
    if (!data.bundle) return;
    const bundle = data.bundle;
    const run = () => {
      const f = readFragment(window.location.hash);
      setFragment(f);
      let answer = bundle.answer;
      let disclosures = f.disclosures;
      if (f.presented) {
        // Verify the copy the holder handed over, against the registry's log.
        const [jws = "", ...rest] = f.presented.replace(/~$/, "").split("~");
        answer = { ...answer, sdJwt: `${jws}~` };
        disclosures = [...rest.filter(Boolean), ...disclosures];
      }
      const started = performance.now();
      const verdict = verifyCredentialBundle(nobleBackend, { ...bundle, answer, disclosures }, { quorum: data.quorum });
      setElapsedMs(performance.now() - started);
      setResult(verdict);
      setShown(0);
    };
    run();
    window.addEventListener("hashchange", run);
    return () => window.removeEventListener("hashchange", run);
  }, [data]);

  // Reveal the outcomes one by one, in the order they were checked.
  useEffect(() => {
    if (!result || shown >= result.checks.length) return;
    const timer = setTimeout(() => setShown((n) => n + 1), STEP_MS);
    return () => clearTimeout(timer);
  }, [result, shown]);

  useEffect(() => {
    if (!data.bundle) return;
    let cancelled = false;
    fetch(`/api/credentials/${encodeURIComponent(id)}`, { cache: "no-store" })
      .then(async (response) => {
        if (!response.ok) throw new Error(String(response.status));
        const answer = (await response.json()) as CredentialAnswer;
        if (!cancelled) setLive({ state: "online", status: answer.status });
      })
      .catch(() => !cancelled && setLive({ state: "offline" }));
    return () => {
      cancelled = true;
    };
  }, [data, id]);

  const done = result !== null && shown >= result.checks.length;
  const status = live.status ?? data.bundle?.answer.status ?? "valid";
  const verdict: Verdict = data.missing === "unknown" ? "unknown" : done ? verdictOf(result, status) : "checking";
  const failure = result?.checks.find((c): c is Extract<CheckOutcome, { ok: false }> => !c.ok);
  const claims = result?.claims;
  const flags = (claims?.status ?? {}) as Record<string, boolean>;
  const flagText = useMemo(() => {
    const on = (["registered", "mortgaged", "seized", "inTransaction"] as const).filter((f) => flags[f]);
    return on.length ? on.map((f) => t(`flags.${f}`)).join(" · ") : t("flags.none");
  }, [flags, t]);

  if (data.missing === "logging") {
    return (
      <section aria-live="polite" className="border-l-8 border-[#b58105] bg-[#fff7e0] p-4">
        <h2 className="text-2xl font-bold">{t("verdict.pending")}</h2>
        <p>{t("verdict.loggingBody")}</p>
      </section>
    );
  }

  const successorReason = data.successor ? t(`reasons.${reasonKey(data.successor.reason)}`) : t("reasons.other");
  const verdictBody =
    verdict === "superseded"
      ? t("verdict.supersededBody", { successor: data.successor?.id ?? "…", reason: successorReason })
      : verdict === "tampered"
        ? t("verdict.tamperedBody", { reason: failure ? `${t(`tamperedReason.${failure.check}`)} (${failure.reason})` : "" })
        : verdict === "checking"
          ? ""
          : t(`verdict.${verdict}Body`);
  const headline = verdict === "superseded" ? `${t("verdict.superseded")} — ${successorReason}` : t(`verdict.${verdict}`);

  return (
    <div className="space-y-6">
      <section aria-live="polite" aria-atomic="true" data-testid="verdict" data-verdict={verdict} className={`border-l-8 p-4 ${TONE[verdict]}`}>
        <h2 className="text-3xl font-bold">{headline}</h2>
        {verdictBody && <p className="mt-2 text-lg">{verdictBody}</p>}
        {verdict === "superseded" && data.successor && (
          <p className="mt-2">
            <a className="link" href={`/verify/${encodeURIComponent(data.successor.id)}`}>
              {t("seeSuccessor", { id: data.successor.id })}
            </a>
          </p>
        )}
      </section>

      {data.bundle && (
        <section aria-labelledby="checks-title">
          <h2 id="checks-title" className="mb-2 text-xl font-bold">
            {t("checksTitle")}
          </h2>
          {fragment.presented && <p className="mb-2 text-muted">{t("presented")}</p>}
          <ol className="space-y-2">
            {CHECKS.map((name, i) => {
              const outcome = result?.checks[i];
              const state = checkState(result, shown, i);
              return (
                <li key={name} data-check={name} data-state={state} className="flex flex-wrap items-baseline gap-x-3 border-b border-line pb-2">
                  <span aria-hidden="true" className={`w-6 font-bold ${state === "passed" ? "text-ok" : state === "failed" ? "text-danger" : "text-muted"}`}>
                    {state === "passed" ? "✓" : state === "failed" ? "✗" : "…"}
                  </span>
                  <span className="flex-1">{t(`check.${name}`)}</span>
                  <span className="text-sm text-muted">
                    {t(state)}
                    {outcome && i < shown ? ` — ${outcome.ok ? (outcome.detail ?? "") : outcome.reason}` : ""}
                  </span>
                </li>
              );
            })}
          </ol>
          {done && elapsedMs !== null && (
            <p className="mt-2 text-sm text-muted" data-testid="timing">
              {t("timing", { ms: elapsedMs.toFixed(1), cosigners: result?.cosigners.length ?? 0 })}
            </p>
          )}
        </section>
      )}

      {claims && (
        <section aria-labelledby="claims-title">
          <h2 id="claims-title" className="mb-2 text-xl font-bold">
            {t("claims.title")}
          </h2>
          <dl className="grid max-w-2xl grid-cols-[auto_1fr] gap-x-6 gap-y-1">
            <dt className="font-semibold">{t("claims.unitNumber")}</dt>
            <dd className="font-mono break-all">{String(claims.unitNumber ?? "")}</dd>
            <dt className="font-semibold">{t("claims.status")}</dt>
            <dd>{flagText}</dd>
            <dt className="font-semibold">{t("claims.area")}</dt>
            <dd data-claim="area">{t("claims.areaValue", { area: String(claims.area ?? "") })}</dd>
            <dt className="font-semibold">{t("claims.use")}</dt>
            <dd>{t.has(`uses.${String(claims.use)}`) ? t(`uses.${String(claims.use)}`) : String(claims.use ?? "")}</dd>
            <dt className="font-semibold">{t("claims.district")}</dt>
            <dd>{districtNames[String(claims.district)] ?? String(claims.district ?? "")}</dd>
            <dt className="font-semibold">{t("claims.issued")}</dt>
            <dd>{typeof claims.iat === "number" ? formatters(locale).date(new Date(claims.iat * 1000)) : ""}</dd>
            <dt className="font-semibold">{t("claims.ledgerSeq")}</dt>
            <dd>{String(claims.ledgerSeq ?? "")}</dd>
            {Object.entries(result?.disclosed ?? {}).map(([name, value]) => (
              <DisclosedRow key={name} name={name} label={t.has(`claims.${name}`) ? t(`claims.${name}`) : name} value={value} />
            ))}
          </dl>
          {Object.keys(result?.disclosed ?? {}).length > 0 && <p className="mt-2 text-sm text-muted">{t("disclosedNote")}</p>}
        </section>
      )}

      {data.bundle && (
        <p className="text-sm text-muted" data-testid="live">
          {live.state === "offline" ? t("live.offline", { time: data.loadedAt.replace("T", " ").slice(0, 19) + " UTC" }) : live.state === "online" ? t("live.online") : t("live.loading")}
        </p>
      )}
    </div>
  );
}

/** A check's row: not yet shown, passed, failed, or never reached (an earlier check failed). */
function checkState(result: BundleVerdict | null, shown: number, i: number): "pending" | "passed" | "failed" | "skipped" {
  if (!result) return "pending";
  const outcome = result.checks[i];
  if (!outcome) return shown >= result.checks.length ? "skipped" : "pending";
  if (i >= shown) return "pending";
  return outcome.ok ? "passed" : "failed";
}

function DisclosedRow({ name, label, value }: { name: string; label: string; value: unknown }) {
  const locale = useLocale();
  const values = (Array.isArray(value) ? value : [value]).map((v) => (name === "securedAmounts" && typeof v === "string" ? formatYuan(v, locale) : String(v)));
  return (
    <>
      <dt className="font-semibold">{label}</dt>
      <dd data-claim={name}>{values.join("、")}</dd>
    </>
  );
}

const REASONS = ["first_registration", "transfer", "mortgage", "mortgage_release", "seizure", "seizure_release", "seed", "record_revision"] as const;
function reasonKey(reason: string): string {
  return (REASONS as readonly string[]).includes(reason) ? reason : "other";
}
