// zod at the boundary of every use-case: a failure becomes a FlowError with messages by field:
// zod's own issues as `errors.*` keys ("required", "invalid", "flow.field.tooLong") so forms
// show them in the visitor's language; a schema's custom message (a key, or a sentence not yet
// translated) is kept as written.
import type { z } from "zod";
import { FlowError } from "./errors";

const KEY = /^[a-z][A-Za-z]*(\.[A-Za-z_]+)*$/;

function issueKey(issue: z.core.$ZodIssue): string {
  if (KEY.test(issue.message) || issue.code === "custom") return issue.message;
  if (issue.code === "invalid_type" || (issue.code === "too_small" && Number(issue.minimum) <= 1)) return "required";
  if (issue.code === "too_big") return "flow.field.tooLong";
  return "invalid";
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "form";
    const message = issueKey(issue);
    if (!(fieldErrors[key] ??= []).includes(message)) fieldErrors[key]!.push(message);
  }
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  throw new FlowError("INVALID_INPUT", 400, `Check the form: ${where}${first?.message ?? "invalid input"}.`, fieldErrors);
}
