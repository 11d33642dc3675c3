import type { SyncStatus } from '../../shared/ipc-contract';
import { formatRelative, plural } from '../lib/format';

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
export const REBUILT_NOTE =
  'This console was away longer than the server keeps its change history, so its local copy was rebuilt from the server. Queued changes were kept.';

export function describeSync(status: SyncStatus, now: number, locale?: string): SyncView {
  const lastSynced = status.lastSyncedAt ? formatRelative(status.lastSyncedAt, now, locale) : null;
  switch (status.state) {
    case 'syncing': {
      const percent = syncPercent(status.progress);
      const rebuilding = status.rebuiltAt !== null && status.progress !== null;
      const applied = status.progress ? `${plural(status.progress.applied, 'change')} applied` : null;
      const verb = rebuilding ? 'Rebuilding local copy…' : 'Syncing…';
      return {
        tone: 'syncing',
        label: percent === null ? verb : `${verb} ${percent}%`,
        spoken: rebuilding ? 'Rebuilding the local copy from the server' : 'Syncing',
        percent,
        detail: rebuilding ? [REBUILT_NOTE, applied].filter(Boolean).join(' ') : applied,
      };
    }
    case 'online': {
      const synced = lastSynced ? `Last synced ${lastSynced}` : null;
      return {
        tone: 'online',
        label: 'Online',
        spoken: 'Online',
        percent: null,
        detail: status.rebuiltAt ? [REBUILT_NOTE, synced].filter(Boolean).join(' ') : synced,
      };
    }
    case 'offline': {
      const label = lastSynced ? `Offline — last synced ${lastSynced}` : 'Offline — not synced yet';
      return { tone: 'offline', label, spoken: label, percent: null, detail: status.error };
    }
    case 'idle':
      return {
        tone: 'idle',
        label: 'Not syncing',
        spoken: 'Not syncing',
        percent: null,
        detail: status.error,
      };
  }
}

/** "3 changes pending · 1 rejected", or null when the outbox is empty. */
export function describeOutbox(status: Pick<SyncStatus, 'pendingCount' | 'rejectedCount'>): string | null {
  const parts: string[] = [];
  if (status.pendingCount > 0) parts.push(`${plural(status.pendingCount, 'change')} pending`);
  if (status.rejectedCount > 0) parts.push(`${status.rejectedCount.toLocaleString()} rejected`);
  return parts.length > 0 ? parts.join(' · ') : null;
}
