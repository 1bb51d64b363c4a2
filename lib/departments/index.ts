// Every department adapter by department code.
import type { DepartmentCode } from "@/contracts";
import type { DepartmentAdapter } from "./adapter";
import { bankAdapter } from "./bank";
import { civilAdapter } from "./civil";
import { housingAdapter } from "./housing";
import { landAdapter } from "./land";
import { policeAdapter } from "./police";
import { taxAdapter } from "./tax";

export const DEPARTMENT_ADAPTERS: Partial<Record<DepartmentCode, DepartmentAdapter>> = {
  police: policeAdapter,
  civil: civilAdapter,
  tax: taxAdapter,
  housing: housingAdapter,
  bank: bankAdapter,
  land: landAdapter,
};

export function adapterCheck(department: DepartmentCode, check: string) {
  return DEPARTMENT_ADAPTERS[department]?.checks[check] ?? null;
}
export type { AuthorisedRead, DepartmentAnswer } from "./adapter";
export { mintAuthorisedRead } from "./adapter";
