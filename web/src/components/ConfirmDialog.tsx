// A modal question before an action that is logged or cannot be undone: the browser's <dialog> (focus kept
// inside, Escape cancels, the page behind is inert), dkfds buttons; focus goes back to where it came from.
import { useEffect, useId, useRef, type ReactNode } from 'react';

export function ConfirmDialog({
  open,
  title,
  children,
  confirmText,
  cancelText = 'Annuller',
  busy,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmText: string;
  cancelText?: string;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const uid = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement as HTMLElement | null;
      d.showModal();
      cancel.current?.focus(); // the safe choice first
    } else if (!open && d.open) {
      d.close();
      if (opener.current?.isConnected) opener.current.focus();
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="confirm-dialog"
      aria-labelledby={`${uid}-title`}
      aria-describedby={`${uid}-body`}
      onCancel={(e) => {
        e.preventDefault();
        if (!busy) onCancel();
      }}
    >
      {open && (
        <>
          <h2 className="confirm-dialog-title" id={`${uid}-title`}>
            {title}
          </h2>
          <div className="confirm-dialog-body" id={`${uid}-body`}>
            {children}
          </div>
          <div className="button-row confirm-dialog-buttons">
            <button type="button" className="button button-primary" disabled={busy} onClick={onConfirm}>
              {confirmText}
            </button>
            <button type="button" className="button button-secondary" disabled={busy} onClick={onCancel} ref={cancel}>
              {cancelText}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
