// The one wrapper every server action goes through (STYLE.md "Server actions"):
// who is acting → may this role act at all → parse the form with zod → the use-case →
// a small result. Authorisation comes before parsing so that someone who may not act
// learns nothing from validation messages; a refused role gets HTTP 403 from the server
// (`forbidden()`), an anonymous caller is redirected to sign in.
// Messages are `errors.*` keys of lib/i18n/messages, translated here into the caller's language.
import "server-only";
import { forbidden, redirect, unstable_rethrow } from "next/navigation";
import { getTranslations } from "next-intl/server";
import type { z } from "zod";
import { can, ForbiddenError, type Actor, type Permission } from "@/lib/auth/permissions";
import { ActionError } from "./action-error";
import { getDb } from "@/lib/db";
import { getActor } from "./auth/get-actor";
import { recordIfRefused } from "./security/refused-access";

export { ActionError };

export type ActionResult<T extends object = object> =
  | ({ ok: true } & T)
  | { ok: false; message?: string; fieldErrors?: Record<string, string[]> };

export type ServerAction<T extends object = object> = (prevState: ActionResult<T> | null, formData: FormData) => Promise<ActionResult<T>>;

type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface ActionDeps {
  getActor: () => Promise<Actor | null>;
  translate: () => Promise<Translate>;
  /** Called for a role without the permission; the real one throws Next's 403. */
  refuse: () => never;
  /** Called for an anonymous caller of a protected action. */
  signIn: () => never;
  /** Records the attempt behind a "not found" of a look-up by id (lib/dal/security/refused-access.ts). */
  recordRefusal?: (actor: Actor | null, error: unknown) => Promise<void>;
}

export const nextDeps: ActionDeps = {
  getActor,
  translate: async () => {
    const t = await getTranslations("errors");
    return (key, values) => (t.has(key) ? t(key, values) : key);
  },
  refuse: () => forbidden(),
  signIn: () => redirect("/signin"),
  recordRefusal: async (actor, error) => recordIfRefused(await getDb(), actor, error),
};

export function defineAction<S extends z.ZodType, R extends object>(
  schema: S,
  permission: "public",
  fn: (input: z.output<S>, context: { actor: Actor | null }) => Promise<ActionResult<R>>,
  deps?: ActionDeps,
): ServerAction<R>;
export function defineAction<S extends z.ZodType, R extends object>(
  schema: S,
  permission: Permission | "signed-in",
  fn: (input: z.output<S>, context: { actor: Actor }) => Promise<ActionResult<R>>,
  deps?: ActionDeps,
): ServerAction<R>;
export function defineAction<S extends z.ZodType, R extends object>(
  schema: S,
  permission: Permission | "signed-in" | "public",
  fn: (input: z.output<S>, context: { actor: Actor }) => Promise<ActionResult<R>>,
  deps: ActionDeps = nextDeps,
): ServerAction<R> {
  return async (_prevState, formData) => {
    const actor = await deps.getActor();
    if (permission !== "public") {
      if (!actor) deps.signIn();
      if (permission !== "signed-in" && !can(actor, permission)) deps.refuse();
    }
    const t = await deps.translate();
    // A payload posted by hand may decode to something else than a form: then no field is filled.
    const parsed = schema.safeParse(formDataToObject(formData instanceof FormData ? formData : new FormData()));
    if (!parsed.success) return { ok: false, message: t("checkForm"), fieldErrors: fieldErrorsOf(parsed.error, t) };
    try {
      return translateResult(await fn(parsed.data, { actor: actor as Actor }), t);
    } catch (error) {
      // redirect(), notFound() and forbidden() from the use-case are control flow, not faults.
      unstable_rethrow(error);
      if (error instanceof ActionError) {
        // Someone else's record (or none) by id: the same answer either way, the attempt recorded.
        await deps.recordRefusal?.(actor, error);
        // A coded refusal shows its `errors.*` key in the visitor's language; an untranslated code falls back to the sentence.
        const message = error.key !== undefined && t(error.key, error.values) !== error.key ? error.key : error.message;
        return translateResult({ ok: false, message, fieldErrors: error.fieldErrors }, t, error.values);
      }
      if (error instanceof ForbiddenError) return { ok: false, message: t("forbidden") };
      // Log the fault for operators; the person sees a plain sentence, never a stack trace.
      console.error("[action] unexpected error", error instanceof Error ? `${error.name}: ${error.message}` : error);
      return { ok: false, message: t("unexpected") };
    }
  };
}

/** Repeated fields become arrays; Next's own `$ACTION_…` fields are dropped. */
export function formDataToObject(formData: FormData): Record<string, FormDataEntryValue | FormDataEntryValue[]> {
  const out: Record<string, FormDataEntryValue | FormDataEntryValue[]> = {};
  for (const key of new Set(formData.keys())) {
    if (key.startsWith("$ACTION")) continue;
    const values = formData.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}

function translateResult<R extends object>(result: ActionResult<R>, t: Translate, values?: Record<string, string | number>): ActionResult<R> {
  if (result.ok) return result;
  return {
    ok: false,
    ...(result.message === undefined ? {} : { message: t(result.message, values) }),
    ...(result.fieldErrors === undefined
      ? {}
      : { fieldErrors: Object.fromEntries(Object.entries(result.fieldErrors).map(([field, list]) => [field, list.map((m) => t(m, values))])) }),
  };
}

/** Zod issues → one list of readable messages per field (first path segment). */
export function fieldErrorsOf(error: z.ZodError, t: Translate): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form");
    const message = issueMessage(issue, t);
    (out[field] ??= []).includes(message) || out[field]!.push(message);
  }
  return out;
}

function issueMessage(issue: z.core.$ZodIssue, t: Translate): string {
  // A schema may name an `errors.*` key as its message; otherwise map zod's issue codes.
  const own = t(issue.message);
  if (own !== issue.message) return own;
  switch (issue.code) {
    case "invalid_type":
      return t("required");
    case "too_small":
      return Number(issue.minimum) <= 1 && issue.origin === "string" ? t("required") : t("tooShort", { minimum: Number(issue.minimum) });
    case "too_big":
      return t("tooLong", { maximum: Number(issue.maximum) });
    default:
      return t("invalid");
  }
}

/**
 * The action as a plain `<form action>` (no result shown): binds the `prevState` argument.
 * Server references keep working through `bind`, so this stays a server action.
 */
export function formAction<T extends object>(action: ServerAction<T>): (formData: FormData) => Promise<void> {
  return action.bind(null, null) as unknown as (formData: FormData) => Promise<void>;
}
