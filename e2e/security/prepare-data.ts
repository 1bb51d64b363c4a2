// Data only the security specs use: a senior admin who has not enrolled TOTP yet
// (e2e/security/sessions.spec.ts enrols them), so the demo senior admins stay as seeded.
import { DEMO_PASSWORD } from "@/drizzle/seed/demo-accounts";
import { seed } from "@/drizzle/seed";
import { insertUser } from "@/lib/dal/auth/testing";
import { accountByLogin } from "@/lib/dal/auth/user-identity";
import { openDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";

const UNENROLLED_SENIOR = "senior.enrol";

const handle = await openDb();
try {
  await migrate(handle);
  await seed(handle);
  if (!(await accountByLogin(handle.db, UNENROLLED_SENIOR))) await insertUser(handle.db, { login: UNENROLLED_SENIOR, password: DEMO_PASSWORD, role: "senior_admin", department: "registry" });
} finally {
  await handle.close();
}
