// Every page, server action and route handler, with what it requires. The role-matrix test
// (e2e/access/role-matrix.spec.ts) is generated from this list: for each surface × role (and
// anonymous) it checks that the server refuses whoever lacks the permission. Add a line
// here with every new page, action or route handler; a test fails for any page under app/
// that is missing (lib/auth/surfaces.test.ts).
import type { Role } from "@/drizzle/schema/identity";
import { ROLES } from "@/drizzle/schema/identity";
import { can, type Permission } from "./permissions";

/**
 * "public": anyone, signed in or not. "signed-in": any enabled account (record-level checks,
 * e.g. "only the holder", answer 404 in the use-case). "api-key": an institution's API key
 * in `Authorization: Bearer`; a session cookie alone never suffices.
 */
export type Requirement = Permission | "public" | "signed-in" | "api-key";

export interface PageSurface {
  kind: "page";
  /** URL path; dynamic segments carry an example value the test can request. */
  path: string;
  /** The file under app/ that renders it (checked to exist). */
  file: string;
  requires: Requirement;
  /**
   * What a permitted visitor gets for `path` (default 200): e.g. [404] when the example
   * id does not exist. Refusals (307 to /signin, 403) are checked whatever this says.
   */
  allowedStatus?: readonly number[];
}

export interface ActionSurface {
  kind: "action";
  /** Source file of the "use server" module, relative to the repo root. */
  module: string;
  /** Exported function name. */
  name: string;
  requires: Requirement;
}

export interface RouteSurface {
  kind: "route";
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  file: string;
  requires: Requirement;
}

export type Surface = PageSurface | ActionSurface | RouteSurface;

export const PAGES: readonly PageSurface[] = [
  { kind: "page", path: "/", file: "app/page.tsx", requires: "public" },
  { kind: "page", path: "/signin", file: "app/signin/page.tsx", requires: "public" },
  { kind: "page", path: "/signup", file: "app/signup/page.tsx", requires: "public" },
  // resident
  { kind: "page", path: "/resident", file: "app/resident/page.tsx", requires: "application.view_own" },
  { kind: "page", path: "/resident/applications", file: "app/resident/applications/page.tsx", requires: "application.view_own" },
  { kind: "page", path: "/resident/properties", file: "app/resident/properties/page.tsx", requires: "property.view_own" },
  { kind: "page", path: "/resident/access-log", file: "app/resident/access-log/page.tsx", requires: "access_log.view_own" },
  { kind: "page", path: "/resident/queue-numbers", file: "app/resident/queue-numbers/page.tsx", requires: "queue_number.book" },
  { kind: "page", path: "/resident/account", file: "app/resident/account/page.tsx", requires: "application.view_own" },
  // registration flow (issue 4): guided filing, progress, counter-party confirmation; example ids do not exist → 404
  { kind: "page", path: "/resident/applications/new", file: "app/resident/applications/new/page.tsx", requires: "application.file" },
  { kind: "page", path: "/resident/applications/app-00000000-0000-4000-8000-000000000000", file: "app/resident/applications/[id]/page.tsx", requires: "application.view_own", allowedStatus: [404] },
  { kind: "page", path: "/resident/applications/app-00000000-0000-4000-8000-000000000000/edit", file: "app/resident/applications/[id]/edit/page.tsx", requires: "application.file", allowedStatus: [404] },
  { kind: "page", path: "/resident/applications/app-00000000-0000-4000-8000-000000000000/confirm", file: "app/resident/applications/[id]/confirm/page.tsx", requires: "application.confirm", allowedStatus: [404] },
  // clerk
  { kind: "page", path: "/clerk", file: "app/clerk/page.tsx", requires: "queue.view" },
  { kind: "page", path: "/clerk/queue-numbers", file: "app/clerk/queue-numbers/page.tsx", requires: "queue_number.call" },
  { kind: "page", path: "/clerk/cases/app-00000000-0000-4000-8000-000000000000", file: "app/clerk/cases/[id]/page.tsx", requires: "application.view", allowedStatus: [404] },
  { kind: "page", path: "/clerk/cases/app-00000000-0000-4000-8000-000000000000/override", file: "app/clerk/cases/[id]/override/page.tsx", requires: "application.override", allowedStatus: [404] },
  // department admin
  { kind: "page", path: "/department", file: "app/department/page.tsx", requires: "check.view" },
  { kind: "page", path: "/department/standing-rules", file: "app/department/standing-rules/page.tsx", requires: "standing_rule.manage" },
  { kind: "page", path: "/department/revisions", file: "app/department/revisions/page.tsx", requires: "record.revise" },
  // senior admin
  { kind: "page", path: "/admin", file: "app/admin/page.tsx", requires: "ledger.health" },
  { kind: "page", path: "/admin/rules", file: "app/admin/rules/page.tsx", requires: "rules.publish" },
  { kind: "page", path: "/admin/keys", file: "app/admin/keys/page.tsx", requires: "keys.rotate" },
  { kind: "page", path: "/admin/staff", file: "app/admin/staff/page.tsx", requires: "staff.manage" },
  { kind: "page", path: "/admin/ledger", file: "app/admin/ledger/page.tsx", requires: "ledger.health" },
  { kind: "page", path: "/admin/blocked", file: "app/admin/blocked/page.tsx", requires: "application.override" },
  { kind: "page", path: "/admin/api-keys", file: "app/admin/api-keys/page.tsx", requires: "institution.manage" },
  // refused look-ups by id (issue 7): someone asked for a record not theirs
  { kind: "page", path: "/admin/refusals", file: "app/admin/refusals/page.tsx", requires: "ledger.health" },
  // institution
  { kind: "page", path: "/institution", file: "app/institution/page.tsx", requires: "credential.lookup" },
  // staff: two-step sign-in (TOTP) enrolment
  { kind: "page", path: "/account/two-factor", file: "app/account/two-factor/page.tsx", requires: "totp.enrol" },
  // public credential verification (DESIGN.md §6)
  { kind: "page", path: "/verify", file: "app/verify/page.tsx", requires: "public" },
  { kind: "page", path: "/verify/unknown-credential-0", file: "app/verify/[id]/page.tsx", requires: "public" },
  { kind: "page", path: "/developers", file: "app/developers/page.tsx", requires: "public" },
  { kind: "page", path: "/progress", file: "app/progress/page.tsx", requires: "public" },
  // public ledger explorer and dashboards (issue 6, items 4 and 5)
  { kind: "page", path: "/ledger", file: "app/ledger/page.tsx", requires: "public" },
  { kind: "page", path: "/ledger/entries/0", file: "app/ledger/entries/[seq]/page.tsx", requires: "public", allowedStatus: [200, 404] },
  { kind: "page", path: "/dashboards", file: "app/dashboards/page.tsx", requires: "dashboard.view" },
];

export const ACTIONS: readonly ActionSurface[] = [
  // online queue numbers (issue 8)
  { kind: "action", module: "app/resident/queue-numbers/actions.ts", name: "bookQueueSlot", requires: "queue_number.book" },
  { kind: "action", module: "app/resident/queue-numbers/actions.ts", name: "cancelQueueSlot", requires: "queue_number.book" },
  { kind: "action", module: "app/resident/account/actions.ts", name: "saveNotificationEmail", requires: "application.view_own" },
  { kind: "action", module: "app/clerk/queue-numbers/actions.ts", name: "callNextQueueNumber", requires: "queue_number.call" },
  { kind: "action", module: "app/clerk/queue-numbers/actions.ts", name: "closeQueueNumber", requires: "queue_number.call" },
  { kind: "action", module: "app/progress/actions.ts", name: "queryApplicationProgress", requires: "public" },
  { kind: "action", module: "app/signup/actions.ts", name: "signUp", requires: "public" },
  { kind: "action", module: "app/components/actions.ts", name: "setLocale", requires: "public" },
  { kind: "action", module: "app/components/actions.ts", name: "signOut", requires: "signed-in" },
  { kind: "action", module: "app/admin/staff/actions.ts", name: "setStaffDisabled", requires: "staff.manage" },
  { kind: "action", module: "app/account/two-factor/actions.ts", name: "startTotp", requires: "totp.enrol" },
  { kind: "action", module: "app/account/two-factor/actions.ts", name: "confirmTotp", requires: "totp.enrol" },
  { kind: "action", module: "app/resident/applications/actions.ts", name: "saveUnitStep", requires: "application.file" },
  { kind: "action", module: "app/resident/applications/actions.ts", name: "savePartiesStep", requires: "application.file" },
  { kind: "action", module: "app/resident/applications/actions.ts", name: "uploadDocumentStep", requires: "application.file" },
  { kind: "action", module: "app/resident/applications/actions.ts", name: "submitStep", requires: "application.file" },
  { kind: "action", module: "app/resident/applications/actions.ts", name: "confirmAsParty", requires: "application.confirm" },
  { kind: "action", module: "app/resident/applications/actions.ts", name: "handInMaterial", requires: "application.file" },
  { kind: "action", module: "app/resident/applications/actions.ts", name: "withdrawMine", requires: "application.file" },
  { kind: "action", module: "app/resident/applications/actions.ts", name: "markAllRead", requires: "application.view_own" },
  { kind: "action", module: "app/clerk/actions.ts", name: "claimCase", requires: "application.claim" },
  { kind: "action", module: "app/clerk/actions.ts", name: "releaseCase", requires: "application.claim" },
  { kind: "action", module: "app/clerk/actions.ts", name: "dispatchCase", requires: "check.dispatch" },
  { kind: "action", module: "app/clerk/actions.ts", name: "requestMaterialCase", requires: "application.request_material" },
  { kind: "action", module: "app/clerk/actions.ts", name: "approveCase", requires: "application.approve" },
  { kind: "action", module: "app/clerk/actions.ts", name: "rejectCase", requires: "application.reject" },
  { kind: "action", module: "app/clerk/actions.ts", name: "overrideCase", requires: "application.override" },
  { kind: "action", module: "app/department/actions.ts", name: "authoriseInboxRequest", requires: "check.authorise" },
  { kind: "action", module: "app/department/actions.ts", name: "refuseInboxRequest", requires: "check.authorise" },
  { kind: "action", module: "app/department/actions.ts", name: "answerInboxRequest", requires: "check.answer" },
  { kind: "action", module: "app/department/actions.ts", name: "createStandingRule", requires: "standing_rule.manage" },
  { kind: "action", module: "app/department/actions.ts", name: "revokeStandingRule", requires: "standing_rule.manage" },
  // bank and court desks, institution API keys (issue 5)
  { kind: "action", module: "app/institution/actions.ts", name: "fileMortgage", requires: "mortgage.register" },
  { kind: "action", module: "app/institution/actions.ts", name: "releaseMortgage", requires: "mortgage.register" },
  { kind: "action", module: "app/institution/actions.ts", name: "fileSeizure", requires: "seizure.file" },
  { kind: "action", module: "app/institution/actions.ts", name: "liftSeizure", requires: "seizure.file" },
  { kind: "action", module: "app/admin/api-keys/actions.ts", name: "createInstitutionKey", requires: "institution.manage" },
  { kind: "action", module: "app/admin/api-keys/actions.ts", name: "revokeInstitutionKey", requires: "institution.manage" },
  // administration (issue 6): keys, rules, staff, revisions
  { kind: "action", module: "app/admin/keys/actions.ts", name: "rotateKey", requires: "keys.rotate" },
  { kind: "action", module: "app/admin/rules/actions.ts", name: "proposeRules", requires: "rules.publish" },
  { kind: "action", module: "app/admin/rules/actions.ts", name: "approveRules", requires: "rules.approve" },
  { kind: "action", module: "app/admin/rules/actions.ts", name: "rejectRules", requires: "rules.publish" },
  { kind: "action", module: "app/admin/staff/actions.ts", name: "createStaff", requires: "staff.manage" },
  { kind: "action", module: "app/admin/staff/actions.ts", name: "changeStaffRole", requires: "staff.manage" },
  { kind: "action", module: "app/department/revisions/actions.ts", name: "revisePropertyRecord", requires: "record.revise" },
];

export const ROUTES: readonly RouteSurface[] = [
  { kind: "route", method: "GET", path: "/api/auth/session", file: "app/api/auth/[...nextauth]/route.ts", requires: "public" },
  { kind: "route", method: "GET", path: "/api/health", file: "app/api/health/route.ts", requires: "public" },
  // The public ledger API of DESIGN.md §5: no sign-in, no personal data.
  { kind: "route", method: "GET", path: "/api/ledger/checkpoint", file: "app/api/ledger/checkpoint/route.ts", requires: "public" },
  { kind: "route", method: "GET", path: "/api/ledger/checkpoint/newest", file: "app/api/ledger/checkpoint/newest/route.ts", requires: "public" },
  { kind: "route", method: "GET", path: "/api/ledger/keys", file: "app/api/ledger/keys/route.ts", requires: "public" },
  { kind: "route", method: "GET", path: "/api/ledger/entries/0", file: "app/api/ledger/entries/[seq]/route.ts", requires: "public" },
  { kind: "route", method: "GET", path: "/api/ledger/proof/inclusion", file: "app/api/ledger/proof/inclusion/route.ts", requires: "public" },
  { kind: "route", method: "GET", path: "/api/ledger/proof/consistency", file: "app/api/ledger/proof/consistency/route.ts", requires: "public" },
  // Witnesses authenticate by their department key's signature, not by a session.
  { kind: "route", method: "POST", path: "/api/ledger/cosignatures", file: "app/api/ledger/cosignatures/route.ts", requires: "public" },
  // A remote witness's report of a checkpoint it refused (non-normative), signed by its department key.
  { kind: "route", method: "POST", path: "/api/ledger/witness-refusals", file: "app/api/ledger/witness-refusals/route.ts", requires: "public" },
  // Credentials (DESIGN.md §6): public status; holder's PDF (404 for anyone but the holder); institutions' lookup.
  { kind: "route", method: "GET", path: "/api/credentials/unknown-credential-0", file: "app/api/credentials/[id]/route.ts", requires: "public" },
  { kind: "route", method: "GET", path: "/api/credentials/unknown-credential-0/pdf", file: "app/api/credentials/[id]/pdf/route.ts", requires: "signed-in" },
  { kind: "route", method: "POST", path: "/api/credentials/unknown-credential-0/lookup", file: "app/api/credentials/[id]/lookup/route.ts", requires: "api-key" },
  { kind: "route", method: "GET", path: "/verify/go", file: "app/verify/go/route.ts", requires: "public" },
  { kind: "route", method: "GET", path: "/api/credentials/ping", file: "app/api/credentials/ping/route.ts", requires: "public" },
  { kind: "route", method: "GET", path: "/api/openapi.json", file: "app/api/openapi.json/route.ts", requires: "public" },
  // Uploaded documents (issue 4): the resident's own case, or a registry clerk under a live grant (recorded); 404 for anyone else.
  { kind: "route", method: "GET", path: "/api/documents/doc-00000000-0000-4000-8000-000000000000", file: "app/api/documents/[id]/route.ts", requires: "signed-in" },
  // dashboards (issue 6, item 5): one table as CSV
  { kind: "route", method: "GET", path: "/dashboards/export", file: "app/dashboards/export/route.ts", requires: "dashboard.view" },
];

export const SURFACES: readonly Surface[] = [...PAGES, ...ACTIONS, ...ROUTES];

/** Whether a role (or an anonymous visitor, `null`) may use the surface. */
export function mayUse(surface: Surface, role: Role | null): boolean {
  switch (surface.requires) {
    case "public":
      return true;
    case "signed-in":
      return role !== null;
    case "api-key":
      return false;
    default:
      return role !== null && can({ role }, surface.requires);
  }
}

export const ROLES_AND_ANONYMOUS: readonly (Role | null)[] = [null, ...ROLES];
