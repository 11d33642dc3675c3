import type { Page } from 'playwright-core';

/**
 * Visible controls whose accessible name does not contain the words they show ("Send test" named
 * "Send a test event to …"): someone who says what they see to voice control, or hears the name
 * read aloud while looking, cannot find the button (WCAG 2.5.3, Label in Name). Each as
 * `"visible text" named "accessible name"`.
 */
export async function namesWithoutTheirText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    // Runs in the page: typed by what it uses (this project's Node types have no DOM).
    interface Control {
      innerText: string;
      getAttribute(name: string): string | null;
      getClientRects(): { length: number };
    }
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): Iterable<Control> } })
      .document;
    const words = (s: string) => s.replace(/\s+/g, ' ').trim().toLocaleLowerCase();
    const found: string[] = [];
    for (const control of doc.querySelectorAll(
      'button[aria-label], a[aria-label], [role="button"][aria-label]',
    )) {
      if (control.getClientRects().length === 0) continue; // not shown
      const text = words(control.innerText);
      const name = words(control.getAttribute('aria-label') ?? '');
      if (text !== '' && !name.includes(text)) found.push(`"${text}" named "${name}"`);
    }
    return found;
  });
}
