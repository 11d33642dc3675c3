/**
 * A tablist is one Tab stop: only the selected tab is in the tab order (tabIndex 0, the others -1),
 * and the arrow keys, Home and End move between its tabs (WAI-ARIA Authoring Practices, Tabs).
 * The tab a key moves to from `current`, wrapping round; null for any other key.
 */
export function tabAfterKey<T>(key: string, tabs: readonly T[], current: T): T | null {
  const index = tabs.indexOf(current);
  if (tabs.length === 0 || index === -1) return null;
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return tabs[(index + 1) % tabs.length]!;
    case 'ArrowLeft':
    case 'ArrowUp':
      return tabs[(index + tabs.length - 1) % tabs.length]!;
    case 'Home':
      return tabs[0]!;
    case 'End':
      return tabs[tabs.length - 1]!;
    default:
      return null;
  }
}
