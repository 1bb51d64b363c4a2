// Public security bureau (公安): identity. The household record must exist and its
// (decrypted) ID number must be the one the keyed ref was made from.
import { eq } from "drizzle-orm";
import { policePersons } from "@/lib/db/schema";
import { decryptPersonal, personalRef } from "@/lib/crypto/personal-data";
import { no, yes, type DepartmentAdapter } from "./adapter";

export const policeAdapter: DepartmentAdapter = {
  department: "police",
  checks: {
    identity: async (q, read) => {
      const [person] = await q.select().from(policePersons).where(eq(policePersons.personRef, read.subjectRef));
      if (!person) return no("identity_not_found");
      const residentId = await decryptPersonal(q, "police", "resident_id", person.residentIdCipher);
      return personalRef("resident-id", residentId) === read.subjectRef ? yes() : no("identity_mismatch");
    },
  },
};
