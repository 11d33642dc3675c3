import { useEffect, useRef } from 'react';
import type { OutboxItem } from '../../shared/ipc-contract';
import { announce } from '../components/announcer';
import { newlyRejected, rejectionNotice } from './outbox-outcomes';
import { useOutbox } from './queries';

/**
 * Says so when the server refuses a queued write: the "… — pending sync" said when it was queued
 * is no longer true, and the person may be on another screen by then.
 */
export function useRejectionNotices(): void {
  const outbox = useOutbox();
  const seen = useRef<Map<string, OutboxItem['state']> | null>(null);
  useEffect(() => {
    if (!outbox.data) return;
    for (const item of newlyRejected(seen.current, outbox.data)) announce(() => rejectionNotice(item));
    seen.current = new Map(outbox.data.map((item) => [item.id, item.state]));
  }, [outbox.data]);
}
