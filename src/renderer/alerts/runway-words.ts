import { i18n } from '../i18n';

/** runwayLabel (src/shared/runway.ts) in the chosen language: "≈ 12 days left", or null. */
export function runwayWords(days: number | null): string | null {
  if (days === null) return null;
  if (days < 1) return i18n.t('alerts:runwayUnderADay');
  return i18n.t('alerts:runwayDays', { count: Math.floor(days) });
}
