import { useEffect, useId, useRef, type ReactNode } from 'react';
import { Icon } from './Icon';
import { useTranslation } from 'react-i18next';

/**
 * A modal dialog on the native <dialog>: the browser traps focus, makes the page behind inert,
 * closes on Escape and returns focus to where it was.
 */
export function Dialog({
  open,
  title,
  description,
  onClose,
  children,
}: {
  open: boolean;
  title: string;
  description?: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation('components');

  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      // The browser focuses the first control, the close button; people start at the first field.
      const [first] = focusables(dialog).filter((el) => !el.closest('.dialog-header'));
      first?.focus();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      // React passes a nested dialog's close event up to this one: "Go back" in a confirmation
      // inside a form's dialog would close the form too. Only this dialog's own close counts.
      onClose={(event) => {
        if (event.target === ref.current) onClose();
      }}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself, outside its content box.
        if (event.target === ref.current) onClose();
      }}
      // A modal dialog keeps focus in the page, not in itself: Tab past its last control went to the
      // document once before coming back. Tab and Shift+Tab wrap from one end to the other instead.
      onKeyDown={(event) => {
        // A dialog opened inside this one wraps its own Tab.
        if (
          event.key !== 'Tab' ||
          !ref.current ||
          (event.target as Element).closest('dialog') !== ref.current
        )
          return;
        const all = focusables(ref.current);
        const first = all[0];
        const last = all.at(-1);
        if (!first || !last) return;
        const at = document.activeElement;
        if (event.shiftKey ? at === first || at === ref.current : at === last) {
          event.preventDefault();
          (event.shiftKey ? last : first).focus();
        }
      }}
    >
      {open && (
        <div className="dialog-body">
          <div className="dialog-header">
            <h2 id={titleId}>{title}</h2>
            <button type="button" className="icon-button" aria-label={t('close')} onClick={onClose}>
              <Icon name="close" />
            </button>
          </div>
          {description && (
            <p id={descriptionId} className="muted">
              {description}
            </p>
          )}
          {children}
        </div>
      )}
    </dialog>
  );
}

const FOCUSABLE =
  'a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]:not([tabindex="-1"])';

/** The controls Tab reaches in `root`, in order: enabled and shown. */
function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.matches(':disabled') && el.getClientRects().length > 0,
  );
}
