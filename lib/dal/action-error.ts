// A refusal a use-case wants the person to read: a message (an `errors.*` i18n key or
// plain text) and optionally messages per form field. Anything else thrown is a fault.
export class ActionError extends Error {
  readonly fieldErrors: Record<string, string[]> | undefined;
  readonly values: Record<string, string | number> | undefined;
  constructor(message: string, options: { fieldErrors?: Record<string, string[]>; values?: Record<string, string | number> } = {}) {
    super(message);
    this.name = "ActionError";
    this.fieldErrors = options.fieldErrors;
    this.values = options.values;
  }
}
