// Every contract, namespaced (each exports its own decide/evolve/fold):
//   import { registration, verificationRequest } from "@/contracts";
//   registration.decide(state, command, ctx)
export * as accessGrant from "./access-grant/access-grant";
export * as accessLog from "./access-log/access-log";
export * as property from "./property/property";
export * as registration from "./registration/registration";
export * as registrationProgress from "./registration/progress";
export * as rules from "./rules/rules";
export * as verificationRequest from "./verification-request/verification-request";
export * from "./shared/application";
export * from "./shared/contract";
export type { PropertyFacts } from "./property/facts";
