// A holder's share link: `/verify/{id}#d=<disclosures>`. The disclosures (by default the
// holder names only, never the ID numbers unless asked) ride in the URL fragment, which
// browsers never send to a server: the recipient's browser checks them against the
// credential's `_sd` digests on the verify page.
import { can, type Actor } from "@/lib/auth/permissions";
import type { Queryable } from "@/lib/db";
import { decryptPersonal } from "@/lib/crypto/personal-data";
import { ownCredential } from "./holder-access";
import { DISCLOSURES_FIELD } from "./issue-credential";

export async function getShareLink(
  q: Queryable,
  actor: Actor,
  id: string,
  disclose: readonly ("holderNames" | "holderIdNumbers" | "securedAmounts")[] = ["holderNames"],
): Promise<string | null> {
  if (!can(actor, "credential.share")) return null;
  const row = await ownCredential(q, actor, id);
  if (!row) return null;
  const disclosures = JSON.parse(await decryptPersonal(q, "registry", DISCLOSURES_FIELD, row.holderDisclosuresCipher)) as Record<string, string>;
  const shared = disclose.map((name) => disclosures[name]).filter((d): d is string => typeof d === "string");
  return `/verify/${encodeURIComponent(row.id)}${shared.length ? `#d=${shared.join("~")}` : ""}`;
}
