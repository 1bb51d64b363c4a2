import { getTranslations } from "next-intl/server";
import { Desk } from "@/app/components/desk";
import { FieldForm } from "@/app/components/flow/field-form";
import { requireActor } from "@/lib/dal/auth/get-actor";
import { saveUnitStep } from "../actions";
import { RESIDENT_KINDS, StepIndicator } from "../steps";

export default async function NewApplicationPage({ searchParams }: { searchParams: Promise<{ kind?: string }> }) {
  const actor = await requireActor("application.file", "/resident/applications/new");
  const t = await getTranslations("flow");
  const { kind } = await searchParams;
  const chosen = RESIDENT_KINDS.find((k) => k === kind);
  return (
    <Desk actor={actor} desk="resident" current="/resident/applications" title={t("wizard.newTitle")}>
      <StepIndicator current={chosen ? "unit" : "kind"} />
      {chosen ? (
        <FieldForm
          action={saveUnitStep}
          hidden={{ kind: chosen }}
          label={t("wizard.continue")}
          fields={[{ name: "unitNumber", label: t("wizard.unit"), hint: t("wizard.unitHint"), required: true }]}
        />
      ) : (
        // A plain GET form: nothing is saved until the unit is known (a draft needs both).
        <form method="get" action="/resident/applications/new">
          <fieldset className="mb-5">
            <legend className="mb-2 text-lg font-semibold">{t("wizard.kindLegend")}</legend>
            {RESIDENT_KINDS.map((k, i) => (
              <div key={k} className="mb-2 flex items-center gap-2">
                <input type="radio" id={`kind-${k}`} name="kind" value={k} defaultChecked={i === 0} className="h-5 w-5" />
                <label htmlFor={`kind-${k}`}>{t(`kinds.${k}`)}</label>
              </div>
            ))}
          </fieldset>
          <button type="submit" className="btn btn-primary">
            {t("wizard.continue")}
          </button>
        </form>
      )}
    </Desk>
  );
}
