import { useEffect, useState } from 'react';

/**
 * Keeps keyboard focus in a region whose content replaces itself: when the control that had focus
 * inside it is removed (Pay gives way to the payment's progress, Cancel to "paid"), the browser drops
 * focus to the document, and the next Tab starts again at the top of the window. The region takes it
 * instead, so the next Tab reaches what replaced the control. Returns the region's ref; the region
 * needs `tabIndex={-1}`.
 */
export function useKeepsFocus(): (region: HTMLElement | null) => void {
  const [region, setRegion] = useState<HTMLElement | null>(null);
  useEffect(() => {
    if (!region) return;
    let last: Element | null = null;
    const onFocusIn = (event: FocusEvent) => {
      last = event.target instanceof Element && event.target !== region ? event.target : null;
    };
    const onFocusOut = (event: FocusEvent) => {
      // Focus moved somewhere else on purpose: nothing to keep.
      if (event.relatedTarget instanceof Node && !region.contains(event.relatedTarget)) last = null;
    };
    const observer = new MutationObserver(() => {
      if (last === null || last.isConnected) return;
      last = null;
      const active = region.ownerDocument.activeElement;
      if (active === null || active === region.ownerDocument.body) region.focus({ preventScroll: true });
    });
    region.addEventListener('focusin', onFocusIn);
    region.addEventListener('focusout', onFocusOut);
    observer.observe(region, { childList: true, subtree: true });
    return () => {
      region.removeEventListener('focusin', onFocusIn);
      region.removeEventListener('focusout', onFocusOut);
      observer.disconnect();
    };
  }, [region]);
  return setRegion;
}
