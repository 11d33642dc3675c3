/**
 * Whether an error is a page's code that could not be loaded: the console's pages are loaded when
 * first opened (shell/later-pages.ts), and a console left open across an update (or a rebuild of
 * the browser host) asks for files the new build no longer has. Trying the same import again fails
 * the same way (React keeps a lazy page's failure); only loading the console again helps.
 * Chromium, Firefox and Safari word the failure differently.
 */
export function isStaleCodeError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(
    error.message,
  );
}
