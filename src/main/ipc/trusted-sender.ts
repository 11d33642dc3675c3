/** The parts of Electron's WebFrameMain the sender check reads (injected, so it is unit-testable). */
export interface FrameLike {
  url: string;
  parent: unknown;
}

/**
 * Only the app's own top-level page may call the core: a frame that is missing (destroyed), nested
 * (an iframe), or showing anything but the app's origin is refused.
 */
export function isTrustedFrame(frame: FrameLike | null | undefined, appOrigins: readonly string[]): boolean {
  if (!frame || frame.parent) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  if (url.protocol === 'file:')
    return appOrigins.some((o) => o.startsWith('file://') && frame.url.startsWith(o));
  // Not url.origin: for a custom scheme such as app:// the WHATWG origin is the opaque "null".
  return appOrigins.includes(`${url.protocol}//${url.host}`);
}
