// What an application is made of, shared by the rule set, the registration contract and
// the property projection: kinds, party roles, document references.
import { z } from "zod";
import { plainText } from "@/lib/domain/plain-text";
import { isUnitNumber } from "@/lib/domain/unit-number";
import { opaqueIdSchema, sha256HexSchema } from "./contract";

export const APPLICATION_KINDS = [
  "first_registration",
  "transfer",
  "mortgage",
  "mortgage_release",
  "seizure",
  "seizure_release",
] as const;
export type ApplicationKind = (typeof APPLICATION_KINDS)[number];
export const applicationKindSchema = z.enum(APPLICATION_KINDS);

/** seller = obligor (义务人), buyer = right holder (权利人); applicant = the owner filing
 * alone (first registration, mortgagor); mortgagee = the bank; court = the seizing court. */
export const PARTY_ROLES = ["seller", "buyer", "applicant", "mortgagee", "court"] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** Which party roles each kind has, and how many of each (co-owners may sell or buy together). */
export const KIND_PARTIES = {
  first_registration: { applicant: { min: 1, max: 10 } },
  transfer: { seller: { min: 1, max: 10 }, buyer: { min: 1, max: 10 } },
  mortgage: { applicant: { min: 1, max: 10 }, mortgagee: { min: 1, max: 1 } },
  mortgage_release: { applicant: { min: 1, max: 10 }, mortgagee: { min: 1, max: 1 } },
  seizure: { court: { min: 1, max: 1 } },
  seizure_release: { court: { min: 1, max: 1 } },
} as const satisfies Record<ApplicationKind, Partial<Record<PartyRole, { min: number; max: number }>>>;

export function partyRolesOf(kind: ApplicationKind): PartyRole[] {
  return Object.keys(KIND_PARTIES[kind]) as PartyRole[];
}

export const DOCUMENT_KINDS = [
  "identity_document",
  "sale_contract",
  "deed_tax_receipt",
  "spouse_consent",
  "mortgage_contract",
  "release_certificate",
  "court_order",
  "land_use_certificate",
  "other",
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const documentKindSchema = z.enum(DOCUMENT_KINDS);

/** A stored document: the bytes live encrypted off the ledger; the ledger carries the hash. */
export const documentRefSchema = z.object({
  documentId: opaqueIdSchema,
  sha256: sha256HexSchema,
  kind: documentKindSchema,
});
export type DocumentRef = z.infer<typeof documentRefSchema>;

/** A party, named by an opaque reference: a user id or the keyed-HMAC ref of the resident
 * ID (so departments can match their own records), an institution's organisation ref. */
export const partySchema = z.object({ role: z.enum(PARTY_ROLES), ref: opaqueIdSchema });
export type Party = z.infer<typeof partySchema>;

export const unitNumberSchema = z.string().refine(isUnitNumber, "expected a 28-character property unit number (GB/T 37346)");

/** Court case numbers such as (2026)湘1302执123号: printed on public court notices, not personal data. */
export const caseNumberSchema = plainText({ min: 3, max: 60 });

/** Party key used in check ids and payloads: role plus position among that role's parties. */
export function partyKey(role: PartyRole, index: number): string {
  return `${role}-${index}`;
}
