// A department adapter answers one yes/no question from the department's OWN internal
// records (its own Postgres schema, personal fields decrypted with its own data key) and
// returns only `yes`/`no` and a reason code: no personal data leaves the department
// (DESIGN.md §2.3). It can only be called with an AuthorisedRead, which the data-access
// layer mints after access-log@1 `decideRead` accepted the read and its entry was appended.
import type { DepartmentCode } from "@/contracts";
import type { Queryable } from "@/lib/db";

declare const authorised: unique symbol;

export interface AuthorisedRead {
  readonly [authorised]: true;
  readonly department: DepartmentCode;
  readonly check: string;
  /** Keyed ref of the person (or the unit number for property checks). */
  readonly subjectRef: string;
  /** The unit the application is about (a person check may be about one parcel, e.g. land-use right). */
  readonly unitNumber: string;
  /** RFC 3339 instant of the read. */
  readonly at: string;
  /** Ledger seq of the `access.read` entry this read is recorded under. */
  readonly accessSeq: number;
}

/** Only lib/dal/departments/answer-request.ts calls this, right after appending `access.read`. */
export function mintAuthorisedRead(read: Omit<AuthorisedRead, typeof authorised>): AuthorisedRead {
  return read as AuthorisedRead;
}

export interface DepartmentAnswer {
  readonly answer: "yes" | "no";
  /** Machine code; required for `no` (e.g. spouse_consent_missing). */
  readonly reasonCode: string | null;
}

export type CheckFn = (q: Queryable, read: AuthorisedRead) => Promise<DepartmentAnswer>;

export interface DepartmentAdapter {
  readonly department: DepartmentCode;
  readonly checks: Readonly<Record<string, CheckFn>>;
}

export const yes = (): DepartmentAnswer => ({ answer: "yes", reasonCode: null });
export const no = (reasonCode: string): DepartmentAnswer => ({ answer: "no", reasonCode });
