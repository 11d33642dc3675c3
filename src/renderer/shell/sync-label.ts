import type { SyncStatus } from '../../shared/ipc-contract';
import { i18n } from '../i18n';
import { formatRelative } from '../lib/format';

export interface SyncView {
  tone: SyncStatus['state'];
  /** What the header shows ("Syncing… 42%"). */
  label: string;
  /** What a screen reader hears when the state changes: no percentages, they would chatter. */
  spoken: string;
  /** 0–100 during initial sync when the target is known. */
  percent: number | null;
  detail: string | null;
}

/** Initial sync progress: how far the cursor is towards the feed position being caught up to. */
export function syncPercent(progress: SyncStatus['progress']): number | null {
  if (!progress || progress.target <= 0) return null;
  return Math.max(0, Math.min(100, Math.floor((progress.cursor / progress.target) * 100)));
}

/** Why a console rebuilds its copy: said while it does, and afterwards in the status's detail. */
export function rebuiltNote(): string {
  return i18n.t('shell:sync.rebuiltNote');
}

export function describeSync(status: SyncStatus, now: number, locale?: string): SyncView {
  const lastSynced = status.lastSyncedAt ? formatRelative(status.lastSyncedAt, now, locale) : null;
  switch (status.state) {
    case 'syncing': {
      const percent = syncPercent(status.progress);
      const rebuilding = status.rebuiltAt !== null && status.progress !== null;
      const applied = status.progress
        ? i18n.t('shell:sync.applied', { count: status.progress.applied })
        : null;
      const verb = rebuilding ? i18n.t('shell:sync.rebuilding') : i18n.t('shell:sync.syncing');
      return {
        tone: 'syncing',
        label: percent === null ? verb : i18n.t('shell:sync.withPercent', { verb, percent }),
        spoken: rebuilding ? i18n.t('shell:sync.rebuildingSpoken') : i18n.t('shell:sync.syncingSpoken'),
        percent,
        detail: rebuilding ? [rebuiltNote(), applied].filter(Boolean).join(' ') : applied,
      };
    }
    case 'online': {
      const synced = lastSynced ? i18n.t('shell:sync.lastSynced', { when: lastSynced }) : null;
      return {
        tone: 'online',
        label: i18n.t('shell:sync.online'),
        spoken: i18n.t('shell:sync.online'),
        percent: null,
        detail: status.rebuiltAt ? [rebuiltNote(), synced].filter(Boolean).join(' ') : synced,
      };
    }
    case 'offline': {
      const label = lastSynced
        ? i18n.t('shell:sync.offlineSince', { when: lastSynced })
        : i18n.t('shell:sync.offlineNever');
      return { tone: 'offline', label, spoken: label, percent: null, detail: status.error };
    }
    case 'idle':
      return {
        tone: 'idle',
        label: i18n.t('shell:sync.notSyncing'),
        spoken: i18n.t('shell:sync.notSyncing'),
        percent: null,
        detail: status.error,
      };
  }
}

/** "3 changes pending · 1 rejected", or null when the outbox is empty. */
export function describeOutbox(status: Pick<SyncStatus, 'pendingCount' | 'rejectedCount'>): string | null {
  const parts: string[] = [];
  if (status.pendingCount > 0) parts.push(i18n.t('shell:sync.pending', { count: status.pendingCount }));
  if (status.rejectedCount > 0) parts.push(i18n.t('shell:sync.rejected', { count: status.rejectedCount }));
  return parts.length > 0 ? parts.join(' · ') : null;
}
