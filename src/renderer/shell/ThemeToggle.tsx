import { Icon } from '../components/Icon';
import { useUi, type ThemeChoice } from './ui-store';

const NEXT: Record<ThemeChoice, ThemeChoice> = { system: 'light', light: 'dark', dark: 'system' };
const LABEL: Record<ThemeChoice, string> = { system: 'system', light: 'light', dark: 'dark' };

/** Cycles the colour theme: follow the system, light, dark. */
export function ThemeToggle() {
  const theme = useUi((state) => state.theme);
  const themeChosen = useUi((state) => state.themeChosen);
  const label = `Theme: ${LABEL[theme]}. Switch to ${LABEL[NEXT[theme]]}`;
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
