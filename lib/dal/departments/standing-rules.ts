// Standing rules at work: when the registry raises requests, each department's standing
// rule (an `access_grant.granted` entry of kind standing) authorises them at once, as the
// department's system, and the `verification.authorised` entry names the rule.
import { accessGrant, verificationRequest } from "@/contracts";
import type { AccessGrantState } from "@/contracts/access-grant/access-grant";
import type { VerificationEvent, VerificationRequestState } from "@/contracts/verification-request/verification-request";
import { systemActor } from "@/lib/dal/registration/actors";

/** The `verification.authorised` event for a freshly raised request, or null when no rule covers it. */
export function standingAuthorisation(request: VerificationRequestState, grants: readonly AccessGrantState[], applicationOpen: boolean, at: string): VerificationEvent | null {
  const grant = accessGrant.findLiveGrant(
    grants.filter((g) => g.terms?.kind === "standing"),
    {
      department: request.department!,
      check: request.check,
      requester: request.requester!,
      at,
      purpose: "registration_check",
      applicationId: request.applicationId,
      requestId: request.requestId,
      applicationOpen,
    },
  );
  if (!grant) return null;
  const d = verificationRequest.decide(request, { type: "authorise", via: "standing_rule", grantId: grant.grantId }, { actor: systemActor(request.department!), at, grants, applicationOpen });
  return d.ok ? (d.events[0] ?? null) : null;
}
