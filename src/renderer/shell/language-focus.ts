/**
 * A language switch remounts the whole console (LanguageRoot), and with it the page: while that
 * happens the switch keeps focus, and the page's title does not take it (PageHeader takes focus
 * only when someone moves to a page, and a new language is no move).
 */
let remounting = false;

export const languageFocus = {
  /** The switch's value changed: the remount is coming. */
  begin(): void {
    remounting = true;
  },
  /** Whether the mount under way is that remount. */
  remounting(): boolean {
    return remounting;
  },
  /** The switch has focus back. */
  end(): void {
    remounting = false;
  },
};
