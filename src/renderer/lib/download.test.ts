import { describe, expect, it } from 'vitest';
import { safeFilename } from './download';

describe('safeFilename', () => {
  it('keeps ordinary names', () => {
    expect(safeFilename('wallet-wal_01-2025-03-04.csv')).toBe('wallet-wal_01-2025-03-04.csv');
  });

  it('takes out path separators and control characters', () => {
    expect(safeFilename('../../etc/passwd')).toBe('-..-etc-passwd');
    expect(safeFilename('a:b*c?.csv')).toBe('a-b-c-.csv');
    expect(safeFilename('   ')).toBe('export.csv');
  });
});
