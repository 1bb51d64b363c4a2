// Civil affairs bureau (民政): marital status of a seller. Unmarried, divorced or widowed:
// yes. Married: yes only with the spouse's signed consent to dispose of joint property on file.
import { eq } from "drizzle-orm";
import { civilMarriages } from "@/lib/db/schema";
import { no, yes, type DepartmentAdapter } from "./adapter";

export const civilAdapter: DepartmentAdapter = {
  department: "civil",
  checks: {
    marital_status: async (q, read) => {
      const [record] = await q.select().from(civilMarriages).where(eq(civilMarriages.personRef, read.subjectRef));
      if (!record) return no("marital_record_not_found");
      if (record.status !== "married") return yes();
      return record.spouseConsentOnFile ? yes() : no("spouse_consent_missing");
    },
  },
};
