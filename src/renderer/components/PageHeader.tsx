import { useEffect, useRef, type ReactNode } from 'react';
import { languageFocus } from '../shell/language-focus';
import { useUi } from '../shell/ui-store';

/**
 * A page's title (its one h1) and actions. The title takes focus when someone moves to the page
 * (not when the app opens), so keyboard and screen reader users land on the new page rather than
 * on the link they left. A language switch redraws the page but is no move: the switch keeps focus.
 */
export function PageHeader({
  title,
  subtitle,
  actions,
  children,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (useUi.getState().moves > 0 && !languageFocus.remounting())
      ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <div className="page-header">
      <div className="page-header-text">
        <h1 ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {subtitle && <p className="page-subtitle">{subtitle}</p>}
        {children}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}
