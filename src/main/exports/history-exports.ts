import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { finished as streamFinished } from 'node:stream/promises';
import type { ExportProgress } from '../../shared/ipc-contract.js';
import type { CacheStore, HistoryFilter } from '../cache/cache-store.js';
import { writeHistoryCsv } from './history-csv.js';

/**
 * Where an export goes: a file the user chose in a save dialog (Electron), or a download the page
 * fetches from the browser host once it is written (the browser host has no dialog of its own).
 */
export type ExportTarget = { kind: 'file'; path: string } | { kind: 'download' };

interface Job {
  controller: AbortController;
  finished: Promise<void>;
}

/** A finished download waiting for the page to fetch it, once, with the key only its IPC answer carried. */
interface Download {
  key: string;
  path: string;
  filename: string;
}

/** Rows read (and written) at a time: a few ms of work between two turns of the event loop. */
const PAGE_ROWS = 250;

/**
 * CSV exports of a wallet's history that run beside everything else: rows are read from the cache
 * page by page (a fixed range of keys, see HistoryReads.pages) and streamed to the file, with a turn
 * of the event loop between pages. Progress is reported about every percent; an export can be
 * cancelled, and a cancelled or failed one leaves no partial file behind.
 */
export class HistoryExports {
  private readonly jobs = new Map<string, Job>();
  private readonly downloads = new Map<string, Download>();
  private readonly pageRows: number;

  constructor(
    private readonly deps: {
      cache: CacheStore;
      /** Browser host: where downloads wait to be fetched. Emptied on start. */
      downloadsDir: string;
      onProgress(progress: ExportProgress): void;
      log?(message: string, error: unknown): void;
      pageRows?: number;
    },
  ) {
    this.pageRows = deps.pageRows ?? PAGE_ROWS;
    rmSync(deps.downloadsDir, { recursive: true, force: true });
  }

  /** Starts writing; answers at once with the export's id and row count. Progress follows as events. */
  start(filter: HistoryFilter, filename: string, target: ExportTarget): { exportId: string; total: number } {
    const exportId = `exp_${randomBytes(12).toString('hex')}`;
    const { total, pages } = this.deps.cache.historyPages(filter, this.pageRows);
    const controller = new AbortController();
    let file: string;
    if (target.kind === 'file') file = `${target.path}.part`;
    else {
      mkdirSync(this.deps.downloadsDir, { recursive: true });
      file = join(this.deps.downloadsDir, `${exportId}.csv`);
    }
    const report = (state: ExportProgress['state'], written: number, extra: Partial<ExportProgress> = {}) => {
      // Ended: no longer cancellable by the time anyone hears of it.
      if (state !== 'running') this.jobs.delete(exportId);
      this.deps.onProgress({
        exportId,
        state,
        written,
        total,
        path: null,
        downloadUrl: null,
        error: null,
        ...extra,
      });
    };
    const run = async () => {
      const out = createWriteStream(file, { flags: 'w' });
      // A disk error stops the loop at its next page rather than writing into a broken stream.
      out.on('error', () => controller.abort());
      let reported = 0;
      const step = Math.max(1, Math.ceil(total / 100));
      const outcome = await writeHistoryCsv(pages, out, {
        signal: controller.signal,
        onPage: (written) => {
          if (written - reported < step && written < total) return;
          reported = written;
          report('running', written);
        },
      });
      if (!out.destroyed) out.end();
      const failure = await streamFinished(out).then(
        () => null,
        (error: unknown) => error,
      );
      if (failure !== null || outcome === 'cancelled') {
        await rm(file, { force: true });
        if (failure !== null) throw failure;
        return report('cancelled', reported);
      }
      if (target.kind === 'file') {
        await rename(file, target.path);
        return report('done', total, { path: target.path });
      }
      const key = randomBytes(24).toString('base64url');
      this.downloads.set(exportId, { key, path: file, filename });
      report('done', total, { downloadUrl: `/exports/${exportId}?key=${key}` });
    };
    const finished = run().catch(async (error: unknown) => {
      this.deps.log?.('history export failed', error);
      await rm(file, { force: true }).catch(() => undefined);
      report('failed', 0, { error: 'the file could not be written' });
    });
    this.jobs.set(exportId, { controller, finished });
    return { exportId, total };
  }

  /** Stops an export between two pages; false when no such export is running. */
  cancel(exportId: string): boolean {
    const job = this.jobs.get(exportId);
    if (!job) return false;
    job.controller.abort();
    return true;
  }

  /** Resolves when the export has ended (done, cancelled or failed). */
  async ended(exportId: string): Promise<void> {
    await this.jobs.get(exportId)?.finished;
  }

  /**
   * Browser host: a finished download's file and name, given the key its progress event carried,
   * handed out once (the file is deleted after it is served); null for any other id or key.
   */
  takeDownload(exportId: string, key: string): { path: string; filename: string } | null {
    const download = this.downloads.get(exportId);
    if (!download) return null;
    const given = Buffer.from(key);
    const expected = Buffer.from(download.key);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    this.downloads.delete(exportId);
    return { path: download.path, filename: download.filename };
  }

  /** Cancels every export under way and waits for them to end (the core is closing). */
  async stop(): Promise<void> {
    const jobs = [...this.jobs.values()];
    for (const job of jobs) job.controller.abort();
    await Promise.allSettled(jobs.map((job) => job.finished));
  }
}
