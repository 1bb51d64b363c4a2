// Data only the security specs use: a senior admin who has not enrolled TOTP yet
// (e2e/security/sessions.spec.ts enrols them), so the demo senior admins stay as seeded;
// residents of their own for e2e/security/idor.spec.ts (./idor-data.ts).
import { DEMO_PASSWORD } from "@/drizzle/seed/demo-accounts";
import { seed } from "@/drizzle/seed";
import { insertUser } from "@/lib/dal/auth/testing";
import { accountByLogin } from "@/lib/dal/auth/user-identity";
import { openDb } from "@/lib/db";
import { migrate } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { prepareIdorData } from "./idor-data";

const UNENROLLED_SENIOR = "senior.enrol";

const handle = await openDb();
try {
  await migrate(handle);
  await seed(handle);
  if (!(await accountByLogin(handle.db, UNENROLLED_SENIOR))) await insertUser(handle.db, { login: UNENROLLED_SENIOR, password: DEMO_PASSWORD, role: "senior_admin", department: "registry" });
  await prepareIdorData(handle.db, env.DATA_DIR);
} finally {
  await handle.close();
}
