import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

interface FieldFrame {
  label: string;
  /** Label beside the control rather than above it (compact toolbars). */
  inline?: boolean;
  /** Shown under the control; replaced by `error` when there is one. */
  hint?: ReactNode;
  error?: string | undefined;
}

function Frame({
  id,
  label,
  inline,
  hint,
  error,
  children,
}: FieldFrame & { id: string; children: ReactNode }) {
  const className = ['field', inline && 'field-inline', error && 'field-invalid'].filter(Boolean).join(' ');
  return (
    <div className={className}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <p id={`${id}-message`} className="field-error">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-message`} className="field-hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input whose hint or error is tied to it (aria-describedby, aria-invalid). */
export function TextField({
  label,
  inline,
  hint,
  error,
  ...input
}: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>) {
  const id = useId();
  const { className = 'input', ...rest } = input;
  return (
    <Frame id={id} label={label} inline={inline} hint={hint} error={error}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${id}-message` : undefined}
        {...rest}
        // Read-only reads as a value, not as a box waiting for typing (and says so to assistive tech).
        className={input.readOnly ? `${className} input-readonly` : className}
        aria-readonly={input.readOnly ? true : undefined}
      />
    </Frame>
  );
}

export function SelectField({
  label,
  inline,
  hint,
  error,
  children,
  ...select
}: FieldFrame & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>) {
  const id = useId();
  return (
    <Frame id={id} label={label} inline={inline} hint={hint} error={error}>
      <select
        id={id}
        className="input select"
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? `${id}-message` : undefined}
        {...select}
      >
        {children}
      </select>
    </Frame>
  );
}

/** The outcome of a form: an error is an alert, a success a polite status. */
export function FormMessage({ tone, children }: { tone: 'error' | 'success'; children: ReactNode }) {
  return tone === 'error' ? (
    <p className="form-message form-message-error" role="alert">
      {children}
    </p>
  ) : (
    <p className="form-message form-message-success" role="status">
      {children}
    </p>
  );
}
