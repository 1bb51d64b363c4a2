// Who may do what, as data (DESIGN.md §1). Pages, server actions and route handlers ask
// for one permission each (lib/auth/surfaces.ts lists them all); record-level rules
// ("this clerk's department", "this resident's own application") live in the use-case.
import type { DepartmentCode, Role } from "@/drizzle/schema/identity";

export const PERMISSIONS = [
  // resident
  "application.file", // start, edit and submit an application of one's own
  "application.view_own", // own applications and their progress
  "application.confirm", // confirm as counter-party (buyer / seller)
  "property.view_own", // own properties and their credentials
  "credential.share", // share a disclosure link of one's own credential
  "queue_number.book", // book an online queue number
  "access_log.view_own", // who accessed my data, when, why, authorised by whom
  // clerk (registration centre or department window)
  "queue.view", // one-window intake queue
  "application.view", // open any case (writes an access entry)
  "application.claim",
  "check.dispatch", // send verification requests to departments
  "application.request_material",
  "application.approve",
  "application.reject",
  "queue_number.call", // call the next queue number at a window
  // department
  "check.view", // the department's inbox of verification requests
  "check.authorise", // authorise or refuse touching the department's personal data
  "check.answer", // answer yes/no for the department
  "standing_rule.manage",
  "record.revise", // correct a department record with a reason
  "dashboard.view",
  // senior admin
  "rules.publish",
  "rules.approve", // second senior admin's approval of a rule version
  "keys.rotate",
  "staff.manage",
  "institution.manage", // institution accounts and API keys
  "ledger.health",
  "application.override", // special-case override, always with a reason
  // institution (bank, court, school); clerks record these on their behalf too
  "credential.lookup",
  "mortgage.register",
  "seizure.file",
  // every staff role
  "totp.enrol", // enrol an authenticator app as a second sign-in factor
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS = {
  resident: [
    "application.file",
    "application.view_own",
    "application.confirm",
    "property.view_own",
    "credential.share",
    "queue_number.book",
    "access_log.view_own",
  ],
  clerk: [
    "queue.view",
    "application.view",
    "application.claim",
    "check.dispatch",
    "application.request_material",
    "application.approve",
    "application.reject",
    "queue_number.call",
    "mortgage.register",
    "seizure.file",
    "totp.enrol",
    "dashboard.view", // the registry's dashboard, for registry clerks (dashboardScopes)
  ],
  department_admin: ["check.view", "check.authorise", "check.answer", "standing_rule.manage", "record.revise", "dashboard.view", "totp.enrol"],
  senior_admin: [
    "rules.publish",
    "rules.approve",
    "keys.rotate",
    "staff.manage",
    "institution.manage",
    "ledger.health",
    "application.override",
    "dashboard.view",
    "totp.enrol",
  ],
  institution: ["credential.lookup", "mortgage.register", "seizure.file", "totp.enrol"],
} as const satisfies Record<Role, readonly Permission[]>;

/** The signed-in person as the data-access layer sees them: always read fresh from the database. */
export interface Actor {
  userId: string;
  role: Role;
  department: DepartmentCode | null;
  displayName: string;
  login: string;
}

export class ForbiddenError extends Error {
  readonly permission: Permission | undefined;
  constructor(message = "You do not have permission to do this.", permission?: Permission) {
    super(message);
    this.name = "ForbiddenError";
    this.permission = permission;
  }
}

export function can(actor: Pick<Actor, "role"> | null | undefined, permission: Permission): boolean {
  if (!actor) return false;
  const granted: readonly Permission[] = ROLE_PERMISSIONS[actor.role];
  return granted.includes(permission);
}

export function assertCan(actor: Pick<Actor, "role"> | null | undefined, permission: Permission): asserts actor is Actor {
  if (!can(actor, permission)) throw new ForbiddenError(undefined, permission);
}

/**
 * Which dashboards an actor may open (issue 6, item 5): `registry` is the registration
 * centre's (applications, processing times, every department's checks, the queue); a
 * department code is that department's (its checks, answer times, SLA breaches, inbox).
 * Senior admins see all; registry admins and clerks the registry's; other department
 * admins their own department's; anyone else none (the page answers 403).
 */
export function dashboardScopes(actor: Pick<Actor, "role" | "department"> | null | undefined): ("registry" | DepartmentCode)[] {
  if (!actor || !can(actor, "dashboard.view")) return [];
  switch (actor.role) {
    case "senior_admin":
      return ["registry", "land", "housing", "tax", "police", "civil", "bank", "court"];
    case "clerk":
      return actor.department === "registry" ? ["registry"] : [];
    case "department_admin":
      return actor.department ? [actor.department] : [];
    default:
      return [];
  }
}

/** Where each role lands after signing in. */
export const ROLE_HOME = {
  resident: "/resident",
  clerk: "/clerk",
  department_admin: "/department",
  senior_admin: "/admin",
  institution: "/institution",
} as const satisfies Record<Role, string>;

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && (PERMISSIONS as readonly string[]).includes(value);
}
