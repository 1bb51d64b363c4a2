// Typed refusals of the registration flow. Each carries a machine `code` (the contract's or
// our own), an HTTP-style `status` for route handlers, and a sentence a person can act on.
// It extends ActionError so `defineAction` shows it instead of "unexpected error": in the
// visitor's language from `errors.flow.<code>` (lib/i18n/messages/<locale>/errors.json, with
// `values` filled in), the English sentence only when a code has no translation yet.
// Field errors are `errors.*` keys too (e.g. `flow.field.fileEmpty`).
import { ActionError } from "@/lib/dal/action-error";
import type { ContractError } from "@/contracts";
import type { RefusedResource } from "@/drizzle/schema/security";

export type FlowErrorStatus = 400 | 403 | 404 | 409 | 413 | 415;

/** What a "not found" refused, so the boundary can record the attempt (lib/dal/security/refused-access.ts). */
export interface RefusedTarget {
  resource: RefusedResource;
  id: string;
  /** Whether the record exists (someone else's): recorded, never shown. */
  exists: boolean;
}

export class FlowError extends ActionError {
  readonly code: string;
  readonly status: FlowErrorStatus;
  /** Set on the "not found" of a look-up by id; the same answer whether or not `exists`. */
  target?: RefusedTarget;
  constructor(code: string, status: FlowErrorStatus, message: string, fieldErrors?: Record<string, string[]>, values?: Record<string, string | number>) {
    super(message, { key: `flow.${code}`, ...(fieldErrors ? { fieldErrors } : {}), ...(values ? { values } : {}) });
    this.name = "FlowError";
    this.code = code;
    this.status = status;
  }
}

const STATUS_OF_CODE: Record<string, FlowErrorStatus> = {
  INVALID_COMMAND: 400,
  INCOMPLETE_APPLICATION: 400,
  MATERIAL_INCOMPLETE: 400,
  REASON_REQUIRED: 400,
  FORBIDDEN: 403,
  NOT_ASSIGNEE: 403,
  NOT_COUNTERPARTY: 403,
  SEPARATION_OF_DUTIES: 403,
  NO_LIVE_GRANT: 403,
  NOT_AUTHORISED: 403,
};

/** A contract's refusal as a FlowError (conflicts with the case's state are 409). */
export function fromContract(error: ContractError): FlowError {
  return new FlowError(error.code, STATUS_OF_CODE[error.code] ?? 409, error.message);
}

export const notFound = (what: string, target?: RefusedTarget): FlowError => {
  const error = new FlowError("NOT_FOUND", 404, `${what} was not found, or is not yours to see.`);
  if (target) error.target = target;
  return error;
};

/** Field error keys (`errors.flow.field.*`), shown under the field in the visitor's language. */
export const fieldError = (name: string): string => `flow.field.${name}`;
