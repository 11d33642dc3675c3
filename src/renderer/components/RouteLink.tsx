import type { AnchorHTMLAttributes, MouseEvent } from 'react';
import { hrefFor, type Route } from '../shell/routes';
import { useUi } from '../shell/ui-store';

/** A real link (keyboard, middle-click, "copy address") that moves within the app. */
export function RouteLink({
  to,
  onClick,
  ...anchor
}: { to: Route } & Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'>) {
  const navigated = useUi((state) => state.navigated);
  return (
    <a
      {...anchor}
      href={hrefFor(to)}
      onClick={(event: MouseEvent<HTMLAnchorElement>) => {
        onClick?.(event);
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey)
          return;
        event.preventDefault();
        navigated(to);
      }}
    />
  );
}
