import { useEffect, useId, useRef, type ReactNode } from 'react';
import './modal-dialog.css';

/**
 * A modal `<dialog>`, open while it is mounted: the browser traps focus in it, Escape closes
 * it, and focus returns to where it was. `onClose` runs however it closes.
 */
export function ModalDialog({ title, onClose, children, wide = false }: { title: string; onClose(): void; children: ReactNode; wide?: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closed = useRef(onClose);
  closed.current = onClose;
  useEffect(() => {
    const element = dialog.current!;
    element.showModal();
    // A close queued by StrictMode's trial unmount arrives when the dialog is open again: ignore it.
    const onNativeClose = () => {
      if (!element.open) closed.current();
    };
    element.addEventListener('close', onNativeClose);
    return () => {
      element.removeEventListener('close', onNativeClose);
      element.close();
    };
  }, []);
  return (
    <dialog ref={dialog} className={wide ? 'modal-dialog wide' : 'modal-dialog'} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {children}
    </dialog>
  );
}
