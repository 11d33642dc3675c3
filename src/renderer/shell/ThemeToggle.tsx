import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon';
import { useUi, type ThemeChoice } from './ui-store';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };

/** Cycles the colour theme: follow the system, light, dark. */
export function ThemeToggle() {
  const { t } = useTranslation('shell');
  const theme = useUi((state) => state.theme);
  const themeChosen = useUi((state) => state.themeChosen);
  const label = t('theme.toggle', { current: t(`theme.${theme}`), next: t(`theme.${NEXT[theme]}`) });
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={label}
      onClick={() => themeChosen(NEXT[theme])}
    >
      <Icon name={theme === 'system' ? 'system' : theme === 'light' ? 'sun' : 'moon'} />
    </button>
  );
}
