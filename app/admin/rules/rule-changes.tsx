"use client";
// The difference between two rule versions, one line per change (contracts/rules diffRules).
import { useTranslations } from "next-intl";
import type { RuleChange, RuleCheck } from "@/contracts/rules/rules";

export function RuleChanges({ changes, against }: { changes: readonly RuleChange[]; against: number }) {
  const t = useTranslations("adminRules");
  const tFlow = useTranslations("flow");
  const check = (c: RuleCheck) => t("changes.check", { check: `${c.department}.${c.check}`, about: t(`about.${c.party}`), hours: c.expectedHours });
  const describe = (c: RuleChange): string => {
    switch (c.change) {
      case "check_added":
        return t("changes.check_added", { check: check(c.after as RuleCheck) });
      case "check_removed":
        return t("changes.check_removed", { check: check(c.before as RuleCheck) });
      case "check_changed":
        return t("changes.check_changed", { check: c.key, before: (c.before as RuleCheck).expectedHours, after: (c.after as RuleCheck).expectedHours });
      case "document_added":
        return t("changes.document_added", { document: tFlow(`documentKinds.${c.key}`) });
      case "document_removed":
        return t("changes.document_removed", { document: tFlow(`documentKinds.${c.key}`) });
      case "review_hours_changed":
        return t("changes.review_hours_changed", { before: Number(c.before), after: Number(c.after) });
    }
  };
  return (
    <div data-testid="rule-changes" data-count={changes.length}>
      <p className="mb-1 font-semibold">{t("changes.heading", { count: changes.length, version: against })}</p>
      {changes.length > 0 ? (
        <ul className="list-disc pl-5">
          {changes.map((c, i) => (
            <li key={i} data-change={c.change} data-kind={c.kind} data-key={c.key}>
              <span className="font-semibold">{tFlow(`kinds.${c.kind}`)}</span>: {describe(c)}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
