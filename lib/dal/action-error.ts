// A refusal a use-case wants the person to read: a message (an `errors.*` i18n key or
// plain text) and optionally messages per form field (keys or text). `key`, when set, is the
// `errors.*` key to show in the visitor's language; `message` stays a plain English sentence
// for logs and tests. Anything else thrown is a fault.
export class ActionError extends Error {
  readonly fieldErrors: Record<string, string[]> | undefined;
  readonly values: Record<string, string | number> | undefined;
  readonly key: string | undefined;
  constructor(message: string, options: { fieldErrors?: Record<string, string[]>; values?: Record<string, string | number>; key?: string } = {}) {
    super(message);
    this.name = "ActionError";
    this.fieldErrors = options.fieldErrors;
    this.values = options.values;
    this.key = options.key;
  }
}
