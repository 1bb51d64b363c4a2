// Residents only e2e/security/idor.spec.ts uses, so no other spec's counts move: 甲 (A) holds a
// unit of her own with its credential and has filed a transfer of it to 丙 (two documents);
// 乙 (B) holds nothing of A's and asks for A's records by id. Written to <DATA_DIR>/idor.json.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { DEMO_PASSWORD } from "@/drizzle/seed/demo-accounts";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { accountByLogin } from "@/lib/dal/auth/user-identity";
import { issueCredential } from "@/lib/dal/credentials/issue-credential";
import { getProgress } from "@/lib/dal/registration/get-progress";
import { createResident, createUnit, fileTransfer } from "@/lib/dal/registration/testing";
import { makeResidentId } from "@/lib/domain/resident-id";
import { ensureLedgerKeys } from "@/lib/ledger/keys";

export interface IdorData {
  a: { login: string };
  b: { login: string };
  applicationId: string;
  documentId: string;
  credentialId: string;
}

export const IDOR_DATA_FILE = "idor.json";

export async function prepareIdorData(db: Db, dataDir: string): Promise<void> {
  await ensureLedgerKeys(db);
  if (await accountByLogin(db, "13700007001")) return; // prepared already (the file is there)
  const people = [
    { name: "安全甲", residentId: makeResidentId("431302", "19850707", 702), phone: "13700007001" },
    { name: "安全乙", residentId: makeResidentId("431302", "19860808", 804), phone: "13700007002" },
    { name: "安全丙", residentId: makeResidentId("431302", "19870909", 906), phone: "13700007003" },
  ];
  const [a, b, c] = await Promise.all(people.map((p) => createResident(db, p)));
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const person of [a!, b!]) await db.update(users).set({ passwordHash }).where(eq(users.id, person.actor.userId));
  const unitNumber = await createUnit(db, a!.ref, 70_701);
  const credential = await db.transaction((tx) =>
    issueCredential(tx, {
      unitNumber,
      reason: "seed",
      status: { registered: true, mortgaged: false, seized: false, inTransaction: false },
      holders: [{ ref: a!.ref, name: people[0]!.name, residentId: people[0]!.residentId }],
    }),
  );
  const applicationId = await fileTransfer(db, { seller: a!, buyerResidentId: c!.residentId, unitNumber });
  const { documents } = await getProgress(db, { actor: a!.actor, applicationId });
  const data: IdorData = {
    a: { login: people[0]!.phone },
    b: { login: people[1]!.phone },
    applicationId,
    documentId: documents[0]!.documentId,
    credentialId: credential.credentialId,
  };
  writeFileSync(path.join(dataDir, IDOR_DATA_FILE), JSON.stringify(data, null, 2));
}
