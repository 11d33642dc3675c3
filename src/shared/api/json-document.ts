import { z } from 'zod';

/**
 * A small JSON object whose shape someone else checks (a gateway's credentials: each provider's own
 * schema is the real validation). This only bounds what any such document may cost to store and
 * parse, and names where it breaks a bound without quoting the value (it may be half a secret).
 */
export interface JsonDocumentLimits {
  /** Object members and array items, counted over the whole document. */
  maxEntries: number;
  /** Nesting levels; the top-level object is level 1. */
  maxDepth: number;
  maxKeyLength: number;
  /** UTF-16 code units, as zod's string lengths count them. */
  maxStringLength: number;
  /** UTF-8 bytes of the document as JSON. */
  maxBytes: number;
}

export interface JsonLimitBreach {
  path: Array<string | number>;
  message: string;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The first place `root` breaks `limits`, or null. Iterative, and depth is checked before anything
 * deeper is visited, so a 60 kB body of nested brackets cannot exhaust the stack (a 500) first.
 */
export function jsonLimitBreach(root: unknown, limits: JsonDocumentLimits): JsonLimitBreach | null {
  const stack: Array<{ value: unknown; path: Array<string | number>; depth: number }> = [
    { value: root, path: [], depth: 0 },
  ];
  let entries = 0;
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path, depth } = next;
    if (typeof value === 'string') {
      if (value.length > limits.maxStringLength)
        return { path, message: `must be at most ${limits.maxStringLength} characters` };
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return { path, message: 'must be a finite number' };
      continue;
    }
    if (typeof value === 'boolean' || value === null) continue;
    const children: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : isPlainObject(value)
        ? Object.entries(value)
        : [];
    if (!Array.isArray(value) && !isPlainObject(value))
      return { path, message: 'must be a JSON value (string, number, boolean, null, object or array)' };
    if (depth + 1 > limits.maxDepth) return { path, message: `nests deeper than ${limits.maxDepth} levels` };
    entries += children.length;
    if (entries > limits.maxEntries)
      return { path, message: `the document has more than ${limits.maxEntries} keys and items` };
    for (const [key, child] of children) {
      if (typeof key === 'string' && (key.length === 0 || key.length > limits.maxKeyLength)) {
        return { path, message: `keys must be 1 to ${limits.maxKeyLength} characters` };
      }
      stack.push({ value: child, path: [...path, key], depth: depth + 1 });
    }
  }
  // Only now, with the depth known to be small, is serialising it safe.
  const bytes = new TextEncoder().encode(JSON.stringify(root)).length;
  if (bytes > limits.maxBytes)
    return { path: [], message: `must be at most ${limits.maxBytes} bytes as JSON` };
  return null;
}

/** A JSON object of any shape within `limits`; a breach is an issue at the path where it happens. */
export function boundedJsonObject(limits: JsonDocumentLimits) {
  return z.record(z.string(), z.unknown()).superRefine((value, ctx) => {
    const breach = jsonLimitBreach(value, limits);
    if (breach) ctx.addIssue({ code: 'custom', path: breach.path, message: breach.message });
  });
}
