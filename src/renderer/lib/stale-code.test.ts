import { describe, expect, it } from 'vitest';
import { isStaleCodeError } from './stale-code';

describe('telling a page whose code is gone from other failures', () => {
  it('knows each browser’s words for a module that could not be loaded', () => {
    for (const message of [
      'Failed to fetch dynamically imported module: http://127.0.0.1:4000/assets/AuditPage-3f2a.js',
      'error loading dynamically imported module: http://127.0.0.1:4000/assets/AuditPage-3f2a.js',
      'Importing a module script failed.',
      'Unable to preload CSS for /assets/AuditPage-3f2a.css',
    ])
      expect(isStaleCodeError(new TypeError(message)), message).toBe(true);
  });

  it('leaves a page’s own bugs and refusals alone', () => {
    expect(isStaleCodeError(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isStaleCodeError({ message: 'Failed to fetch dynamically imported module' })).toBe(false);
    expect(isStaleCodeError(null)).toBe(false);
  });
});
