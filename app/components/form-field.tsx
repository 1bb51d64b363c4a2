// One labelled form field with its hint and errors tied to it (aria-describedby), so
// screen readers announce them and tests can find the field by its label.
import type { InputHTMLAttributes } from "react";

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "name"> {
  name: string;
  label: string;
  hint?: string;
  errors?: readonly string[] | undefined;
}

export function TextField({ name, label, hint, errors, className, ...input }: TextFieldProps) {
  const id = `field-${name}`;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors && errors.length > 0 ? `${id}-error` : undefined;
  return (
    <div className={`mb-5 ${errorId ? "border-l-4 border-danger pl-3" : ""}`}>
      <label htmlFor={id} className="mb-1 block font-semibold">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="mb-1 text-sm text-muted">
          {hint}
        </p>
      ) : null}
      {errorId ? (
        <p id={errorId} className="mb-1 font-semibold text-danger">
          {errors!.join(" ")}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
        className={`field-input ${className ?? ""}`}
        {...input}
      />
    </div>
  );
}
