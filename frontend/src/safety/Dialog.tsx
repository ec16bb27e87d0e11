import { useEffect, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

const FOCUSABLE = 'a[href], button:not([disabled]), textarea:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]:not([tabindex="-1"])';

interface DialogProps {
  /** Id of the dialog's title. */
  labelledBy: string;
  /** Id of what explains the dialog, read after its title. */
  describedBy?: string;
  onClose: () => void;
  children: ReactNode;
  className?: string;
}

/**
 * A modal dialog: focus moves in and stays in (Tab wraps), Escape closes it. It is not the
 * native <dialog> on purpose: a native modal makes the rest of the page inert, and the quick-exit
 * button must stay usable above it (it sits on a higher layer; Escape twice still leaves too).
 * Whoever opens the dialog puts focus back where it was when it closes. It is drawn at the end of
 * <body>, outside the top bar's layer, so it opens below the bar whoever opens it.
 */
export function Dialog({ labelledBy, describedBy, onClose, children, className }: DialogProps) {
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const title = document.getElementById(labelledBy);
    (title ?? element).focus();
  }, [labelledBy]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      // Not stopped: the quick exit counts this press too (Escape twice leaves Cocon).
      onClose();
      return;
    }
    if (event.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && (document.activeElement === first || !box.current.contains(document.activeElement) || document.activeElement?.id === labelledBy)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div className="dialog-backdrop">
      <div
        ref={box}
        className={`dialog${className ? ` ${className}` : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        {children}
      </div>
    </div>,
    document.body,
  );
}
