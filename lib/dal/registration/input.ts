// zod at the boundary of every use-case: a failure becomes a FlowError with messages by field.
import type { z } from "zod";
import { FlowError } from "./errors";

export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.length > 0 ? issue.path.join(".") : "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const first = parsed.error.issues[0];
  const where = first && first.path.length > 0 ? `${first.path.join(".")}: ` : "";
  throw new FlowError("INVALID_INPUT", 400, `Check the form: ${where}${first?.message ?? "invalid input"}.`, fieldErrors);
}
