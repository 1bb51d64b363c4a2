// Which permission files which kind: residents file their own; banks and courts (or a
// registry clerk on their behalf) file mortgages and seizures.
import type { ApplicationKind } from "@/contracts";
import { assertCan, can, ForbiddenError, type Actor, type Permission } from "@/lib/auth/permissions";

export function filingPermission(kind: ApplicationKind, actor: Actor): Permission {
  if (actor.role === "resident") return "application.file";
  if (kind === "seizure" || kind === "seizure_release") return "seizure.file";
  if (kind === "mortgage" || kind === "mortgage_release") return "mortgage.register";
  return "application.file";
}

export function assertMayFile(kind: ApplicationKind, actor: Actor | null | undefined): asserts actor is Actor {
  assertCan(actor, actor ? filingPermission(kind, actor) : "application.file");
}

/** Any filing permission: uploading and handing in material, before the record-level check. */
export function assertMayFileAny(actor: Actor | null | undefined): asserts actor is Actor {
  if (!(["application.file", "mortgage.register", "seizure.file"] as const).some((p) => can(actor, p))) throw new ForbiddenError(undefined, "application.file");
}
