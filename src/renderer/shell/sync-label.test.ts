import { describe, expect, it } from 'vitest';
import { IDLE_SYNC_STATUS, type SyncStatus } from '../../shared/ipc-contract';
import { describeOutbox, describeSync, syncPercent } from './sync-label';

const base: SyncStatus = { ...IDLE_SYNC_STATUS, state: 'online' };
const now = Date.parse('2025-03-04T12:00:00Z');

describe('describeSync', () => {
  it('shows initial sync progress as a percentage of the target cursor', () => {
    const view = describeSync(
      { ...base, state: 'syncing', progress: { applied: 4200, cursor: 4200, target: 10000 } },
      now,
      'en-US',
    );
    expect(view.label).toBe('Syncing… 42%');
    expect(view.percent).toBe(42);
    expect(view.spoken).toBe('Syncing');
  });

  it('says when it was last synced while offline', () => {
    expect(
      describeSync({ ...base, state: 'offline', lastSyncedAt: '2025-03-04T11:55:00Z' }, now, 'en-US').label,
    ).toBe('Offline — last synced 5 minutes ago');
    expect(describeSync({ ...base, state: 'offline' }, now, 'en-US').label).toBe('Offline — not synced yet');
  });

  it('says the local copy is being rebuilt, and afterwards that it was, with queued changes kept', () => {
    const rebuilding = describeSync(
      {
        ...base,
        state: 'syncing',
        rebuiltAt: '2025-03-04T11:59:00Z',
        progress: { applied: 10, cursor: 10, target: 40 },
      },
      now,
      'en-US',
    );
    expect(rebuilding.label).toBe('Rebuilding local copy… 25%');
    expect(rebuilding.spoken).toBe('Rebuilding the local copy from the server');
    expect(rebuilding.detail).toContain('Queued changes were kept.');
    const after = describeSync({ ...base, rebuiltAt: '2025-03-04T11:59:00Z' }, now, 'en-US');
    expect(after.label).toBe('Online');
    expect(after.detail).toContain('its local copy was rebuilt from the server');
  });

  it('is simply Online when online', () => {
    expect(describeSync(base, now).label).toBe('Online');
  });
});

describe('syncPercent', () => {
  it('stays within 0–100 and is unknown without a target', () => {
    expect(syncPercent(null)).toBeNull();
    expect(syncPercent({ applied: 0, cursor: 0, target: 0 })).toBeNull();
    expect(syncPercent({ applied: 5, cursor: 12, target: 10 })).toBe(100);
    expect(syncPercent({ applied: 1, cursor: 1, target: 3 })).toBe(33);
  });
});

describe('describeOutbox', () => {
  it('counts pending and rejected changes', () => {
    expect(describeOutbox({ pendingCount: 0, rejectedCount: 0 })).toBeNull();
    expect(describeOutbox({ pendingCount: 1, rejectedCount: 0 })).toBe('1 change pending');
    expect(describeOutbox({ pendingCount: 3, rejectedCount: 1 })).toBe('3 changes pending · 1 rejected');
  });
});
