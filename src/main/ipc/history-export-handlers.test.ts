import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import type { EntityChange } from '../../shared/api/sync.js';
import type { WalletTransaction } from '../../shared/api/wallets.js';
import type { ExportProgress } from '../../shared/ipc-contract.js';
import type { DocumentHost } from '../files/document-host.js';
import { feedPage } from '../sync/feed-page.js';
import { created, handlerWorld, testCustomer, testWallet } from '../testing/handler-world.js';

let w: ReturnType<typeof handlerWorld>;
afterEach(() => w.close());

/** `count` ledger rows of wal_1, oldest first; every 7th has a description a spreadsheet would misread. */
function movements(count: number): EntityChange[] {
  return Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    const data: WalletTransaction = {
      id: `txn_${n}`,
      walletId: 'wal_1',
      customerId: 'cus_1',
      type: n % 3 === 0 ? 'payment' : 'top_up',
      amount: n % 3 === 0 ? -250 : 1_000,
      balanceAfter: n * 100,
      currency: 'USD',
      status: 'completed',
      description: n % 7 === 0 ? `=HYPERLINK("x"), line\nbreak ${n}` : `movement ${n}`,
      reference: n % 2 === 0 ? `ref,${n}` : null,
      relatedId: null,
      test: false,
      createdAt: new Date(Date.UTC(2029, 0, 1) + n * 60_000).toISOString(),
    };
    return { seq: 2 + n, entity: 'transaction', id: data.id, op: 'create', data } as EntityChange;
  });
}

function world(rows: number, documents?: DocumentHost, exportPageRows = 10) {
  w = handlerWorld('support_agent', {
    changes: created({ entity: 'customer', data: testCustomer() }, { entity: 'wallet', data: testWallet() }),
    ...(documents ? { documents } : {}),
    exportPageRows,
  });
  w.cache.applyPage(feedPage(movements(rows), rows + 2));
  return w;
}

/** A document host whose save dialog answers `path` (null: the user cancelled it). */
const dialog = (answer: () => string | null): DocumentHost => ({
  save: async () => null,
  open: async () => false,
  choose: async () => answer(),
});

const ended = (p: ExportProgress) => p.state !== 'running';

describe('wallets:export-csv', () => {
  it('streams the whole history to the file the user chose, reporting progress as it goes', async () => {
    let path = '';
    world(
      123,
      dialog(() => path),
    );
    path = join(w.exportsDir, 'chosen.csv');
    const done = w.nextProgress(ended);
    const answer = await w.call('wallets:export-csv', { walletId: 'wal_1' });
    expect(answer).toMatchObject({ ok: true, value: { chosen: true, total: 123 } });

    expect(await done).toMatchObject({ state: 'done', written: 123, total: 123, path });
    const running = w.progress.filter((p) => p.state === 'running').map((p) => p.written);
    expect(running.length).toBeGreaterThan(3);
    expect(running).toEqual([...running].sort((a, b) => a - b));

    const rows = parse(readFileSync(path, 'utf8'), { relax_quotes: false }) as string[][];
    expect(rows[0]).toEqual([
      'Date',
      'Type',
      'Amount',
      'Currency',
      'Status',
      'Description',
      'Reference',
      'Balance after',
    ]);
    expect(rows).toHaveLength(124);
    // Newest first; quotes, commas and line breaks survive; a formula is defused; amounts are decimals.
    expect(rows[1]).toEqual([
      new Date(Date.UTC(2029, 0, 1) + 123 * 60_000).toISOString(),
      'payment',
      '-2.50',
      'USD',
      'completed',
      'movement 123',
      '',
      '123.00',
    ]);
    const seventh = rows.find((r) => r[5]?.endsWith('break 119'));
    expect(seventh?.[5]).toBe(`'=HYPERLINK("x"), line\nbreak 119`);
    expect(rows.at(-2)?.[6]).toBe('ref,2');
    expect(existsSync(`${path}.part`)).toBe(false);
  });

  it('exports only what the filter shows', async () => {
    const path = () => join(w.exportsDir, 'payments.csv');
    world(60, dialog(path));
    const done = w.nextProgress(ended);
    await w.call('wallets:export-csv', { walletId: 'wal_1', type: 'payment' });
    expect(await done).toMatchObject({ state: 'done', written: 20 });
    const rows = parse(readFileSync(path(), 'utf8')) as string[][];
    expect(rows.slice(1).map((r) => r[1])).toEqual(Array(20).fill('payment'));
  });

  it('answers other requests while an export runs', async () => {
    const path = () => join(w.exportsDir, 'long.csv');
    world(3_000, dialog(path), 5);
    const done = w.nextProgress(ended);
    await w.call('wallets:export-csv', { walletId: 'wal_1' });

    const page = await w.call('wallets:history', { walletId: 'wal_1', limit: 3 });
    expect(page).toMatchObject({ ok: true, value: { total: 3_000 } });
    // The history page was answered while the export was still writing: it had not ended yet.
    expect(w.progress.some(ended)).toBe(false);
    expect(await done).toMatchObject({ state: 'done', written: 3_000 });
  });

  it('stops when cancelled and leaves no file behind', async () => {
    const path = () => join(w.exportsDir, 'cancelled.csv');
    world(2_000, dialog(path), 5);
    const firstProgress = w.nextProgress((p) => p.state === 'running');
    const done = w.nextProgress(ended);
    const answer = await w.call('wallets:export-csv', { walletId: 'wal_1' });
    const { exportId } = (answer as { value: { exportId: string } }).value;
    await firstProgress;
    expect(await w.call('exports:cancel', { exportId })).toEqual({ ok: true, value: { cancelled: true } });

    expect(await done).toMatchObject({ exportId, state: 'cancelled' });
    expect(existsSync(path())).toBe(false);
    expect(existsSync(`${path()}.part`)).toBe(false);
    expect(await w.call('exports:cancel', { exportId })).toEqual({ ok: true, value: { cancelled: false } });
  });

  it('starts nothing when the user cancels the save dialog', async () => {
    world(
      10,
      dialog(() => null),
    );
    expect(await w.call('wallets:export-csv', { walletId: 'wal_1' })).toEqual({
      ok: true,
      value: { chosen: false },
    });
    expect(w.progress).toEqual([]);
  });

  it('without a save dialog (browser host), offers the file once as a download, to the key holder only', async () => {
    world(25);
    const done = w.nextProgress(ended);
    await w.call('wallets:export-csv', { walletId: 'wal_1' });
    const { exportId, downloadUrl, path } = await done;
    expect(path).toBeNull();
    const key = new URL(downloadUrl!, 'http://host').searchParams.get('key')!;

    expect(w.exports.takeDownload(exportId, 'x'.repeat(key.length))).toBeNull();
    const download = w.exports.takeDownload(exportId, key)!;
    expect(download.filename).toBe('wallet-wal_1-2030-01-01.csv');
    expect(parse(readFileSync(download.path, 'utf8'))).toHaveLength(26);
    expect(w.exports.takeDownload(exportId, key)).toBeNull();
  });

  it('checks its sender and its input', async () => {
    world(1);
    expect(await w.call('wallets:export-csv', { walletId: 'wal_1' }, 'other-window')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(await w.call('wallets:export-csv', { walletId: 'wal_1', path: '/etc/passwd' })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
    expect(await w.call('wallets:export-csv', { walletId: 'wal_404' })).toMatchObject({
      ok: false,
      error: { code: 'not_found', field: 'walletId' },
    });
    expect(await w.call('exports:cancel', { exportId: '../x' })).toMatchObject({
      ok: false,
      error: { code: 'validation', field: 'exportId' },
    });
    expect(await w.call('exports:cancel', { exportId: 'exp_0123' }, 'other-window')).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
  });
});
