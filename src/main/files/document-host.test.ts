import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDocumentHost, safeFileName } from './document-host.js';

let dir: string | null = null;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = null;
});

describe('the document host', () => {
  it('keeps a file name one name: no folders, no separators', () => {
    expect(safeFileName('INV-2026-000042.pdf', 'pdf')).toBe('INV-2026-000042.pdf');
    expect(safeFileName('../../etc/passwd', 'pdf')).toBe('passwd.pdf');
    expect(safeFileName('a b/c;rm -rf', 'pdf')).toBe('c-rm--rf.pdf');
    expect(safeFileName('', 'pdf')).toBe('document.pdf');
  });

  it('saves where the user chose, writes nothing when they cancel, and opens a temporary copy', async () => {
    dir = await mkdtemp(join(tmpdir(), 'docs-'));
    const asked: string[] = [];
    const opened: string[] = [];
    let answer: string | null = join(dir, 'chosen.pdf');
    const host = createDocumentHost({
      tempDir: join(dir, 'temp'),
      ask: async (name) => {
        asked.push(name);
        return answer;
      },
      openPath: async (path) => {
        opened.push(path);
        return '';
      },
    });
    const bytes = Buffer.from('%PDF-1.3 test');
    expect(await host.save('INV-1.pdf', bytes)).toBe(join(dir, 'chosen.pdf'));
    expect(await readFile(join(dir, 'chosen.pdf'))).toEqual(bytes);
    answer = null;
    expect(await host.save('INV-2.pdf', bytes)).toBeNull();
    expect(asked).toEqual(['INV-1.pdf', 'INV-2.pdf']);

    expect(await host.open('../INV-3.pdf', bytes)).toBe(true);
    expect(opened).toEqual([join(dir, 'temp', 'INV-3.pdf')]);
    expect(await readFile(opened[0]!)).toEqual(bytes);
  });
});
