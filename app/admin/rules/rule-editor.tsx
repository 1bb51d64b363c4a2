"use client";
// The rule editor: which checks each application kind needs, each check's expected answer
// time, the documents a submission must carry and the registry's review time. The preview
// of the changes against the active version updates as you edit; proposing asks first.
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { ActionForm } from "@/app/components/flow/action-form";
import { TableView } from "@/app/components/table-view";
import { APPLICATION_KINDS, DOCUMENT_KINDS, KIND_PARTIES, type ApplicationKind, type DocumentKind } from "@/contracts/shared/application";
import { CHECK_CATALOGUE, REGISTRY_FACTS, diffRules, ruleCheckKey, type KindRules, type RuleCheck, type RuleParty, type RuleSet } from "@/contracts/rules/rules";
import type { ServerAction } from "@/lib/dal/action";
import { RuleChanges } from "./rule-changes";

type Kinds = RuleSet["kinds"];

const OFFERED = [
  ...CHECK_CATALOGUE.map((c) => ({ id: `${c.department}.${c.check}`, department: c.department, check: c.check, about: c.about })),
  ...REGISTRY_FACTS.map((f) => ({ id: `registry.${f}`, department: "registry" as const, check: f, about: "property" as const })),
];

function partiesFor(kind: ApplicationKind, about: "person" | "property"): RuleParty[] {
  if (about === "property") return ["property"];
  return (["seller", "buyer", "applicant"] as const).filter((p) => p in KIND_PARTIES[kind]);
}

export function RuleEditor({ active, nextVersion, requireApproval, action }: { active: RuleSet; nextVersion: number; requireApproval: boolean; action: ServerAction }) {
  const t = useTranslations("adminRules");
  const tFlow = useTranslations("flow");
  const [kinds, setKinds] = useState<Kinds>(active.kinds);
  const changes = useMemo(() => diffRules(active, { version: nextVersion, kinds }), [active, kinds, nextVersion]);
  const update = (kind: ApplicationKind, next: (rules: KindRules) => KindRules) => setKinds((k) => ({ ...k, [kind]: next(k[kind]) }));
  return (
    <div className="space-y-6">
      {APPLICATION_KINDS.map((kind) => (
        <KindEditor key={kind} kind={kind} rules={kinds[kind]} onChange={(next) => update(kind, next)} />
      ))}
      <section aria-labelledby="preview-h" className="border-l-4 border-focus bg-panel p-4" aria-live="polite">
        <h2 id="preview-h" className="mb-2 text-xl font-semibold">{t("preview")}</h2>
        <RuleChanges changes={changes} against={active.version} />
      </section>
      <ActionForm
        action={action}
        hidden={{ kinds: JSON.stringify(kinds) }}
        label={requireApproval ? t("propose", { version: nextVersion }) : t("publish", { version: nextVersion })}
        confirm={requireApproval ? t("proposeConfirm", { version: nextVersion, count: changes.length }) : t("publishConfirm", { version: nextVersion, count: changes.length })}
        doneMessage={requireApproval ? t("proposed") : t("published")}
      >
        <p className="text-sm text-muted">{requireApproval ? t("submitLeadApproval") : t("submitLead")}</p>
      </ActionForm>
    </div>
  );
}

function KindEditor({ kind, rules, onChange }: { kind: ApplicationKind; rules: KindRules; onChange: (next: (r: KindRules) => KindRules) => void }) {
  const t = useTranslations("adminRules");
  const tFlow = useTranslations("flow");
  const label = tFlow(`kinds.${kind}`);
  const [adding, setAdding] = useState("");
  const offered = OFFERED.find((o) => o.id === adding);
  const parties = offered ? partiesFor(kind, offered.about) : [];
  const [party, setParty] = useState<RuleParty | "">("");
  const [hours, setHours] = useState(8);
  const chosenParty = party && parties.includes(party) ? party : parties[0];
  const candidate: RuleCheck | null = offered && chosenParty ? { department: offered.department, check: offered.check, party: chosenParty, expectedHours: hours } : null;
  const duplicate = candidate ? rules.checks.some((c) => ruleCheckKey(c) === ruleCheckKey(candidate)) : false;
  const id = (s: string) => `rules-${kind}-${s}`;
  return (
    <fieldset className="border-t-4 border-brand bg-panel p-4" data-kind={kind}>
      <legend className="px-1 text-xl font-semibold">{label}</legend>
      <TableView
        id={id("checks")}
        dense
        captionHidden
        className="mb-3"
        caption={t("checksOf", { kind: label })}
        rows={rules.checks.map((c, i) => ({ c, i, key: ruleCheckKey(c) }))}
        rowKey={(r) => r.key}
        rowAttributes={(r) => ({ "data-check": r.key })}
        columns={[
          { header: t("check"), rowHeader: true, nowrap: true, className: "font-mono", cell: ({ c }) => `${c.department}.${c.check}` },
          { header: t("aboutHeading"), cell: ({ c }) => t(`about.${c.party}`) },
          {
            header: t("expectedHours"),
            cell: ({ c, i, key }) => (
              <input
                type="number"
                min={0}
                max={24 * 90}
                className="field-input w-24"
                aria-label={t("hoursOf", { check: key, kind: label })}
                value={c.expectedHours}
                onChange={(e) => {
                  const value = Math.max(0, Math.min(24 * 90, Number(e.target.value) || 0));
                  onChange((r) => ({ ...r, checks: r.checks.map((x, j) => (j === i ? { ...x, expectedHours: value } : x)) }));
                }}
              />
            ),
          },
        ]}
        actions={{
          header: t("remove"),
          cell: ({ i, key }) => (
            <button
              type="button"
              className="btn btn-secondary btn-sm"
              disabled={rules.checks.length <= 1}
              aria-label={t("removeCheck", { check: key, kind: label })}
              onClick={() => onChange((r) => ({ ...r, checks: r.checks.filter((_, j) => j !== i) }))}
            >
              {t("remove")}
            </button>
          ),
        }}
        empty={{ message: t("noChecks") }}
      />
      <div className="mb-4 flex flex-wrap items-end gap-3" role="group" aria-label={t("addTo", { kind: label })}>
        <div>
          <label htmlFor={id("add")} className="mb-1 block font-semibold">
            {t("addCheck")}
          </label>
          <select id={id("add")} className="field-input" value={adding} onChange={(e) => setAdding(e.target.value)}>
            <option value="">{t("chooseCheck")}</option>
            {OFFERED.map((o) => (
              <option key={o.id} value={o.id}>
                {o.id}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={id("party")} className="mb-1 block font-semibold">
            {t("aboutHeading")}
          </label>
          <select id={id("party")} className="field-input" value={chosenParty ?? ""} onChange={(e) => setParty(e.target.value as RuleParty)} disabled={parties.length === 0}>
            {parties.map((p) => (
              <option key={p} value={p}>
                {t(`about.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={id("hours")} className="mb-1 block font-semibold">
            {t("expectedHours")}
          </label>
          <input id={id("hours")} type="number" min={0} max={24 * 90} className="field-input w-24" value={hours} onChange={(e) => setHours(Math.max(0, Math.min(24 * 90, Number(e.target.value) || 0)))} />
        </div>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={!candidate || duplicate}
          onClick={() => {
            if (!candidate) return;
            onChange((r) => ({ ...r, checks: [...r.checks, candidate] }));
            setAdding("");
          }}
        >
          {t("add")}
        </button>
        {duplicate ? <p className="text-sm text-danger">{t("duplicate")}</p> : null}
      </div>
      <fieldset className="mb-3">
        <legend className="font-semibold">{t("documents")}</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {DOCUMENT_KINDS.map((d: DocumentKind) => (
            <label key={d} className="inline-flex items-center gap-1">
              <input
                type="checkbox"
                checked={rules.documents.includes(d)}
                onChange={(e) => onChange((r) => ({ ...r, documents: e.target.checked ? [...r.documents, d] : r.documents.filter((x) => x !== d) }))}
              />
              {tFlow(`documentKinds.${d}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={id("review")} className="mb-1 block font-semibold">
          {t("reviewHours")}
        </label>
        <input
          id={id("review")}
          type="number"
          min={0}
          max={24 * 90}
          className="field-input w-24"
          value={rules.reviewHours}
          onChange={(e) => {
            const value = Math.max(0, Math.min(24 * 90, Number(e.target.value) || 0));
            onChange((r) => ({ ...r, reviewHours: value }));
          }}
        />
      </div>
    </fieldset>
  );
}
