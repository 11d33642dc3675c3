import { mkdir, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

/**
 * Where a document the API produced (an invoice PDF) goes on this machine. Only Electron has one:
 * the browser host leaves saving to the browser (a download). The main process fetches the bytes
 * itself, so a renderer can never choose what is written, only ask for a known invoice.
 */
export interface DocumentHost {
  /** Asks the user where to save (a native dialog); null when they cancelled. */
  save(suggestedName: string, bytes: Buffer): Promise<string | null>;
  /** Writes a copy under the app's temporary folder and opens it with the system's viewer. */
  open(name: string, bytes: Buffer): Promise<boolean>;
  /** Asks the user where to save a file main will write itself (a CSV export); null when they cancelled. */
  choose(suggestedName: string, extension: 'csv'): Promise<string | null>;
}

/** A file name that stays one name: no folders, no separators, nothing the shell reads specially. */
export function safeFileName(name: string, extension: string): string {
  const stem = basename(name)
    .replace(/\.[A-Za-z0-9]+$/, '')
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${stem || 'document'}.${extension}`;
}

/**
 * The document host over the platform's primitives (Electron's dialog and shell in index.ts), kept
 * free of Electron so it can be tested: `ask` shows the save dialog, `openPath` the system viewer.
 */
export function createDocumentHost(deps: {
  tempDir: string;
  ask(suggestedName: string, extension: 'pdf' | 'csv'): Promise<string | null>;
  openPath(path: string): Promise<string>;
}): DocumentHost {
  return {
    async save(suggestedName, bytes) {
      const path = await deps.ask(safeFileName(suggestedName, 'pdf'), 'pdf');
      if (!path) return null;
      await writeFile(path, bytes);
      return path;
    },
    choose: (suggestedName, extension) => deps.ask(safeFileName(suggestedName, extension), extension),
    async open(name, bytes) {
      await mkdir(deps.tempDir, { recursive: true });
      const path = join(deps.tempDir, safeFileName(name, 'pdf'));
      await writeFile(path, bytes);
      // Electron's shell.openPath answers an error message, or '' when the viewer opened.
      return (await deps.openPath(path)) === '';
    },
  };
}
