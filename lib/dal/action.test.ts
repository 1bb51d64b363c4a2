import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { Actor } from "@/lib/auth/permissions";
import { ForbiddenError } from "@/lib/auth/permissions";
import { ActionError, defineAction, type ActionDeps } from "./action";

vi.mock("next-intl/server", () => ({ getTranslations: vi.fn() }));

const clerk: Actor = { userId: "u1", role: "clerk", department: "registry", displayName: "c", login: "clerk.registry" };

class Refused extends Error {}
class SentToSignIn extends Error {}

function deps(actor: Actor | null): ActionDeps {
  return {
    getActor: async () => actor,
    // Echo keys so the test sees which message was chosen.
    translate: async () => (key, values) => (values ? `${key}(${JSON.stringify(values)})` : key),
    refuse: () => {
      throw new Refused();
    },
    signIn: () => {
      throw new SentToSignIn();
    },
  };
}

function form(entries: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(entries)) for (const v of [value].flat()) data.append(key, v);
  return data;
}

const schema = z.object({ amount: z.coerce.number().int().min(1), tags: z.array(z.string()).optional() });

describe("defineAction", () => {
  it("refuses before parsing or running: anonymous → sign in, wrong role → 403", async () => {
    const fn = vi.fn(async () => ({ ok: true as const }));
    await expect(defineAction(schema, "application.approve", fn, deps(null))(null, form({}))).rejects.toBeInstanceOf(SentToSignIn);
    await expect(defineAction(schema, "keys.rotate", fn, deps(clerk))(null, form({ amount: "1" }))).rejects.toBeInstanceOf(Refused);
    expect(fn).not.toHaveBeenCalled();
  });

  it("returns field errors for bad input without running the use-case", async () => {
    const fn = vi.fn(async () => ({ ok: true as const }));
    const result = await defineAction(schema, "application.approve", fn, deps(clerk))(null, form({ amount: "0" }));
    expect(result).toEqual({ ok: false, message: "checkForm", fieldErrors: { amount: ['tooShort({"minimum":1})'] } });
    expect(fn).not.toHaveBeenCalled();
  });

  it("treats arguments that are not a form (a payload posted by hand) as an empty form", async () => {
    const fn = vi.fn(async () => ({ ok: true as const }));
    const action = defineAction(schema, "application.approve", fn, deps(clerk)) as (...args: unknown[]) => Promise<unknown>;
    for (const args of [[new FormData()], [null, undefined], [null, "text"], [null, { amount: "3" }]]) {
      expect(await action(...args)).toMatchObject({ ok: false, message: "checkForm", fieldErrors: { amount: [expect.any(String)] } });
    }
    expect(fn).not.toHaveBeenCalled();
  });

  it("passes parsed input and the actor; repeated fields arrive as arrays", async () => {
    const fn = vi.fn(async (input: z.output<typeof schema>, { actor }: { actor: Actor }) => ({ ok: true as const, seen: `${input.amount}:${input.tags?.join()}:${actor.login}` }));
    const result = await defineAction(schema, "application.approve", fn, deps(clerk))(null, form({ amount: "3", tags: ["a", "b"] }));
    expect(result).toEqual({ ok: true, seen: "3:a,b:clerk.registry" });
  });

  it("turns use-case refusals into small results and hides unexpected faults", async () => {
    const run = (error: Error) =>
      defineAction(schema, "public", async () => {
        throw error;
      }, deps(null))(null, form({ amount: "1" }));
    expect(await run(new ActionError("signUp.alreadyRegistered", { fieldErrors: { phone: ["signUp.phoneTaken"] } }))).toEqual({
      ok: false,
      message: "signUp.alreadyRegistered",
      fieldErrors: { phone: ["signUp.phoneTaken"] },
    });
    expect(await run(new ForbiddenError())).toEqual({ ok: false, message: "forbidden" });
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    const result = await run(new Error("relation \"users\" does not exist at /srv/app.js:1"));
    expect(result).toEqual({ ok: false, message: "unexpected" });
    expect(JSON.stringify(result)).not.toContain("users");
    spy.mockRestore();
  });
});
