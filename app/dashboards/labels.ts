import { getTranslations } from "next-intl/server";
import type { DashboardScope } from "@/lib/dal/dashboards/range";
import type { Labels } from "./tables";

/** Words for the dashboard's codes in the reader's language (unknown codes stay as they are). */
export async function dashboardLabels(scope: DashboardScope): Promise<Labels> {
  const t = await getTranslations("dashboards");
  const departments = await getTranslations("departments");
  const kinds = await getTranslations("flow.kinds");
  const check = (code: string) => (t.has(`checks.${code}`) ? t(`checks.${code}`) : code);
  const department = (code: string) => (departments.has(code) ? departments(code) : code);
  return {
    t: (key, values) => t(key, values),
    series: scope === "registry" ? (code) => (kinds.has(code) ? kinds(code) : code) : check,
    group: scope === "registry" ? department : check,
  };
}
