import type { z } from 'zod';
import type { RefusalReason } from '../../shared/api/common.js';

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
