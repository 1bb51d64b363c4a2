// Natural resources bureau (自然资源): land-use right (土地使用权) of a first-registration
// applicant on the parcel of the unit being registered (the parcel code is the unit number's
// first 19 characters, GB/T 37346). Yes when the bureau's own records hold a right for the
// applicant on that parcel whose term has not ended on the day of the question.
import { and, eq } from "drizzle-orm";
import { landUseRights } from "@/lib/db/schema";
import { no, yes, type DepartmentAdapter } from "./adapter";

export const landAdapter: DepartmentAdapter = {
  department: "land",
  checks: {
    land_use_right: async (q, read) => {
      const parcelCode = read.unitNumber.slice(0, 19);
      const [right] = await q
        .select({ expiresOn: landUseRights.expiresOn, grantedOn: landUseRights.grantedOn })
        .from(landUseRights)
        .where(and(eq(landUseRights.holderRef, read.subjectRef), eq(landUseRights.parcelCode, parcelCode)));
      if (!right) return no("land_use_right_not_found");
      const day = read.at.slice(0, 10);
      if (right.grantedOn > day) return no("land_use_right_not_yet_granted");
      return right.expiresOn >= day ? yes() : no("land_use_right_expired");
    },
  },
};
