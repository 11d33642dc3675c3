import { beforeEach, describe, expect, it } from 'vitest';
import { announce, useAnnouncer } from './announcer';

const shown = () => {
  const { message, visible } = useAnnouncer.getState();
  return visible ? (message?.text ?? null) : null;
};

describe('the toast about a queued write', () => {
  beforeEach(() => useAnnouncer.setState({ message: null, visible: false }));
  const queued = { itemId: 'obx_1', saved: 'Credit $25.00 — saved' };

  it('says "saved" once the server confirms that write, not another one', () => {
    announce('Credit $25.00 — pending sync', queued);
    useAnnouncer.getState().confirmed(['obx_2']);
    expect(shown()).toBe('Credit $25.00 — pending sync');
    useAnnouncer.getState().confirmed(['obx_2', 'obx_1']);
    expect(shown()).toBe('Credit $25.00 — saved');
    // Said again, a repeat confirmation changes nothing more.
    const { id } = useAnnouncer.getState().message!;
    useAnnouncer.getState().confirmed(['obx_1']);
    expect(useAnnouncer.getState().message!.id).toBe(id);
  });

  it('stays as it is when dismissed first, or when a later message took its place', () => {
    announce('Credit $25.00 — pending sync', queued);
    useAnnouncer.getState().toastDismissed(useAnnouncer.getState().message!.id);
    useAnnouncer.getState().confirmed(['obx_1']);
    expect(shown()).toBeNull();

    announce('Credit $25.00 — pending sync', queued);
    announce('Statement saved to statement.pdf');
    useAnnouncer.getState().confirmed(['obx_1']);
    expect(shown()).toBe('Statement saved to statement.pdf');
  });
});
