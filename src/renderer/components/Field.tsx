import {
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  useState,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
} from 'react';
import { useTranslation } from 'react-i18next';
import {
  dayOrderWords,
  dayOutOfRangeMessage,
  nativeDateBoxFits,
  readTypedDay,
  typedDay,
} from '../lib/date-input';
import { displayLocale } from '../lib/format';

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
  const { t, i18n } = useTranslation('components');
  const { className = 'input', ...rest } = input;
  // The browser draws a date box in its own locale, whatever the console's language: when the two
  // differ, the console draws the day as a text box in its own order ("31/01/2020" in Vietnamese),
  // and says that order (a hint of the field's own comes first).
  const dayTyped = input.type === 'date' && !nativeDateBoxFits(i18n.language, navigator.language);
  const order = dayTyped ? dayOrderWords(displayLocale(), (part) => t(`datePart.${part}`)) : undefined;
  const shownHint = hint ?? (order ? t('dateInputOrder', { order }) : undefined);
  /** The input's attributes, tied to the message under it: `shownError`, else the hint. */
  const attributes = (shownError: string | undefined) => ({
    id,
    lang: input.type === 'date' ? i18n.language : undefined,
    'aria-invalid': shownError ? true : undefined,
    'aria-describedby': shownError || shownHint ? `${id}-message` : undefined,
    ...rest,
    // Read-only reads as a value, not as a box waiting for typing (and says so to assistive tech).
    className: input.readOnly ? `${className} input-readonly` : className,
    'aria-readonly': input.readOnly ? true : undefined,
    // An empty read-only value says so: a blank under its label reads as missing, not as unset.
    placeholder: input.readOnly && input.value === '' ? t('notSet') : input.placeholder,
  });
  const frame = { id, label, inline, hint: shownHint };
  return dayTyped ? (
    <DayField frame={frame} error={error} order={order} attributes={attributes} />
  ) : (
    <Frame {...frame} error={error}>
      <input {...attributes(error)} />
    </Frame>
  );
}

/**
 * A day typed in the console's order. Its caller sees what a native date box gives: `value` and
 * `event.target.value` are "yyyy-mm-dd", or "" while the text is not a whole day of the calendar.
 * The box's `min` and `max` hold as a native box's picker holds them: a day outside them reaches
 * the caller as "" too, and the field says which limit it passed (before the caller's own error,
 * which is then about that "").
 */
function DayField({
  frame,
  error,
  order,
  attributes,
}: {
  frame: Omit<FieldFrame, 'error'> & { id: string };
  error: string | undefined;
  order: string | undefined;
  attributes: (shownError: string | undefined) => InputHTMLAttributes<HTMLInputElement>;
}) {
  const { value, onChange, min, max } = attributes(error);
  const locale = displayLocale();
  const day = typeof value === 'string' ? value : '';
  const range = {
    min: typeof min === 'string' ? min : undefined,
    max: typeof max === 'string' ? max : undefined,
  };
  const [text, setText] = useState(() => typedDay(day, locale));
  // A day set from outside (a reset, a language switch) is shown in the console's order; the text
  // being typed stays while it gives the day the caller holds ("" for an unfinished or refused one).
  const [shown, setShown] = useState({ day, locale });
  if (shown.day !== day || shown.locale !== locale) {
    setShown({ day, locale });
    if (readTypedDay(text, locale, range).day !== day) setText(typedDay(day, locale));
  }
  const read = readTypedDay(text, locale, range);
  const element = useRef<HTMLInputElement>(null);
  const typedChanged = (event: ChangeEvent<HTMLInputElement>) => {
    setText(event.target.value);
    const next = readTypedDay(event.target.value, locale, range).day;
    if (next === day) return;
    // Callers read only event.target.value, as a native date box gives it.
    const target = Object.create(event.target, { value: { value: next } }) as HTMLInputElement;
    onChange?.({ ...event, target, currentTarget: target });
  };
  // The range moved under the text (the other end of a date range changed) or the caller set a day
  // outside it: the caller is told the day the box now gives, so it never holds one the box refuses
  // nor misses one the box now takes.
  const giveCaller = useEffectEvent((next: string) => {
    if (!element.current || !onChange) return;
    const target = Object.create(element.current, { value: { value: next } }) as HTMLInputElement;
    onChange({ target, currentTarget: target } as unknown as ChangeEvent<HTMLInputElement>);
  });
  useEffect(() => {
    if (read.day !== day) giveCaller(read.day);
  }, [read.day, day]);
  const refusal = read.outOfRange ? dayOutOfRangeMessage(frame.label, read.outOfRange, locale) : undefined;
  const shownError = refusal ?? error;
  const input = attributes(shownError);
  const unfinished = text.trim() !== '' && read.day === '' && !read.outOfRange;
  return (
    <Frame {...frame} error={shownError}>
      <input
        {...input}
        ref={element}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        placeholder={order}
        min={undefined}
        max={undefined}
        value={text}
        aria-invalid={input['aria-invalid'] ?? (unfinished ? true : undefined)}
        onChange={typedChanged}
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

/**
 * A labelled file picker in the console's language: the browser's own button and "No file chosen"
 * follow the system's language, not the console's. The input stays the focusable control (its label
 * names it; Enter or Space opens the picker); the button beside it is the same thing for the mouse.
 */
export function FileField({
  label,
  accept,
  hint,
  onFile,
}: {
  label: string;
  accept: string;
  hint?: ReactNode;
  onFile(file: File | undefined): void;
}) {
  const { t } = useTranslation('components');
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <Frame id={id} label={label} hint={hint}>
      <div className="file-field">
        <input
          id={id}
          ref={input}
          type="file"
          accept={accept}
          className="file-field-input"
          aria-describedby={hint ? `${id}-message` : undefined}
          onChange={(event) => {
            const file = event.target.files?.[0];
            setChosen(file?.name ?? null);
            onFile(file);
          }}
        />
        <button
          type="button"
          className="button button-sm"
          tabIndex={-1}
          aria-hidden="true"
          onClick={() => input.current?.click()}
        >
          {t('chooseFile')}
        </button>
        <span className="file-field-name">{chosen ?? t('noFileChosen')}</span>
      </div>
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
