// Natural resources bureau (自然资源): land-use right of a first-registration applicant.
// Its internal records today hold sale prices per unit only, not land-use rights per person,
// so it answers `no` with a code the clerk can act on (ask for the certificate, or override).
import { no, type DepartmentAdapter } from "./adapter";

export const landAdapter: DepartmentAdapter = {
  department: "land",
  checks: {
    land_use_right: async () => no("land_use_record_not_held"),
  },
};
