import type { z } from 'zod';
import type { RefusalReason } from '../../shared/api/common.js';

/** The contract's own messages that say no more than the reason does (ipc-contract.ts `text`, emails). */
const GENERIC: ReadonlySet<string> = new Set(['must not be empty', 'must be an email address']);

/**
 * Main's refusal of an IPC input as data the renderer words in the console's language
 * (lib/refusal-words.ts), the way the API's refusals carry theirs: zod's message is English, and a
 * form shows it beside a field the renderer itself may not check (a length, an email's form).
 *
 * Only what reads the same whatever the field: text that is empty, too short or too long, and an
 * email address that is not one. A number out of range is left to the message: the field may be an
 * amount in minor units, which only its form can word.
 */
export function validationReason(issue: z.core.$ZodIssue): RefusalReason | undefined {
  // A message the contract wrote for one field ("is larger than a statement can be (20 MB)") says
  // more than a length: it stays as it is.
  if (
    !GENERIC.has(issue.message) &&
    !/^(Too big|Too small|Invalid email)\b|^must be at most \d+ characters$/.test(issue.message)
  )
    return undefined;
  switch (issue.code) {
    case 'too_small':
      if (issue.origin !== 'string') return undefined;
      return Number(issue.minimum) <= 1
        ? { key: 'field_empty', values: {} }
        : { key: 'field_too_short', values: { min: Number(issue.minimum) } };
    case 'too_big':
      return issue.origin === 'string'
        ? { key: 'field_too_long', values: { max: Number(issue.maximum) } }
        : undefined;
    case 'invalid_format':
      return issue.format === 'email' ? { key: 'field_not_email', values: {} } : undefined;
    default:
      return undefined;
  }
}
