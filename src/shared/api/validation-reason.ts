import type { z } from 'zod';
import type { RefusalReason } from './common.js';

/**
 * The contract's own messages that say no more than the reason does (ipc-contract.ts `text`, emails
 * and a missing one (api/common.ts `requiredEmailSchema`), the amounts' bounds in api/common.ts).
 */
const GENERIC: ReadonlySet<string> = new Set([
  'must not be empty',
  'must be an email address',
  'is required',
  'must be greater than zero',
  'must not be negative',
]);

/**
 * The contract's whole numbers (api/alerts.ts `runwayDays`, api/orders.ts, api/invoices.ts), with the
 * unit a field counts when its message names one: the number a person typed had a fraction.
 */
const NOT_WHOLE: ReadonlyMap<string, 'days' | 'minutes' | null> = new Map([
  ['must be a whole number', null],
  ['must be a whole number of days', 'days'],
  ['must be a whole number of minutes', 'minutes'],
]);

/**
 * Zod's own wording, and the contract's plain bounds ("must be at most 10000 minor units"), a count
 * of days or minutes included ("must be at least 1 day": the field's label names the unit).
 */
const PLAIN =
  /^(Too big|Too small|Invalid email)\b|^Invalid input: expected \w+, received \w+$|^must be at most \d+ characters$|^must be at (most|least) -?\d+( minor units\b.*| days?| minutes?)?$/;

/** The types a field may be expected as that a console words ("Must be a number"). */
const WORDED_TYPES: ReadonlySet<string> = new Set(['string', 'number', 'boolean', 'array']);

/**
 * A refusal of an input by its zod schema as data a client words in its person's language
 * (the console: renderer/lib/refusal-words.ts), the way the API's other refusals carry theirs: zod's
 * message is English, and a form shows it beside a field. Both main's check of an IPC input and the
 * billing API's check of a request give it.
 *
 * Only what reads the same whatever the field: text that is empty, too short or too long, an email
 * address that is not one, a field missing or of the wrong type, and a number out of range. An
 * amount's bound is in minor units, which only its form can word (it knows the currency): its reason
 * says it is an amount.
 */
export function validationReason(issue: z.core.$ZodIssue): RefusalReason | undefined {
  // A number with a fraction, or not a number at all: a schema's message for its whole number
  // covers both (and a missing one, which its form never sends).
  const unit = NOT_WHOLE.get(issue.message);
  if (unit !== undefined && issue.code === 'invalid_type')
    return { key: 'number_not_whole', values: unit ? { unit } : {} };
  // A message the contract wrote for one field ("is larger than a statement can be (20 MB)") says
  // more than a length: it stays as it is.
  if (!GENERIC.has(issue.message) && !PLAIN.test(issue.message)) return undefined;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'number')
        return numberReason(issue.message, 'min', Number(issue.minimum), issue.inclusive !== false);
      if (issue.origin !== 'string') return undefined;
      return Number(issue.minimum) <= 1
        ? { key: 'field_empty', values: {} }
        : { key: 'field_too_short', values: { min: Number(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'number')
        return numberReason(issue.message, 'max', Number(issue.maximum), issue.inclusive !== false);
      return issue.origin === 'string'
        ? { key: 'field_too_long', values: { max: Number(issue.maximum) } }
        : undefined;
    case 'invalid_format':
      if (issue.format !== 'email') return undefined;
      // `requiredEmailSchema` tells a blank address from a malformed one by its message.
      return issue.message === 'is required'
        ? { key: 'field_required', values: {} }
        : { key: 'field_not_email', values: {} };
    case 'invalid_type':
      // A schema's own message applies to every issue of its field: `requiredEmailSchema` says a
      // missing email "is required", one of another type "must be an email address". Zod's says
      // what it received (the issue keeps no such property): a missing field, "undefined".
      if (issue.message === 'is required') return { key: 'field_required', values: {} };
      if (issue.message === 'must be an email address') return { key: 'field_not_email', values: {} };
      if (!issue.message.startsWith('Invalid input: ')) return undefined;
      if (issue.message.endsWith(', received undefined')) return { key: 'field_required', values: {} };
      // A number with a fraction where the contract wants a whole one (z.int() without a message).
      if (issue.expected === 'int') return { key: 'number_not_whole', values: {} };
      return WORDED_TYPES.has(issue.expected)
        ? { key: 'field_wrong_type', values: { expected: issue.expected } }
        : undefined;
    default:
      return undefined;
  }
}

/**
 * A number beyond `bound`: "greater than zero" and "not negative" read the same for an amount and a
 * count; another (inclusive) bound is an amount in minor units when the contract says so (every amount schema
 * does), else a plain number.
 */
function numberReason(
  message: string,
  side: 'min' | 'max',
  bound: number,
  inclusive: boolean,
): RefusalReason | undefined {
  if (message === 'must be greater than zero') return { key: 'number_not_positive', values: {} };
  if (message === 'must not be negative') return { key: 'number_negative', values: {} };
  // "At most" words an inclusive bound; the contract states none other (no .gt / .lt).
  if (!inclusive) return undefined;
  // A bound stated in another unit than the field's ("at most 30 days" of a field in minutes) stays
  // as written: the bound alone would read as a different number.
  if (/ (days?|minutes?)$/.test(message) && !message.includes(` ${bound} `)) return undefined;
  const amount = message.includes('minor units');
  const key = `${amount ? 'amount' : 'number'}_${side === 'min' ? 'too_small' : 'too_big'}`;
  return { key, values: { [side]: bound } };
}
