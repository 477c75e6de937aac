import { useState, type FormEvent } from 'react';
import { accountPath, call } from '../api/client.ts';
import type { NumberJson } from '../api/types.ts';
import { ErrorAlert } from './error-alert.tsx';
import { ModalDialog } from './modal-dialog.tsx';

/** Buys an emulated number: any E.164 number that no one holds yet. */
export function BuyNumberDialog({ onBought, onClose }: { onBought(number: NumberJson): void; onClose(): void }) {
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    try {
      onBought(await call<NumberJson>('POST', `${accountPath()}/IncomingPhoneNumbers.json`, {
        PhoneNumber: String(form.get('phoneNumber')).trim(),
        FriendlyName: String(form.get('friendlyName')).trim() || undefined,
      }));
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };
  return (
    <ModalDialog title="Buy a number" onClose={onClose}>
      <form onSubmit={submit}>
        <label>
          Phone number (E.164)
          <input name="phoneNumber" required autoFocus placeholder="+15550001234" inputMode="tel" autoComplete="off" />
        </label>
        <label>
          Friendly name
          <input name="friendlyName" placeholder="optional" />
        </label>
        <ErrorAlert error={error} />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>Cancel</button>
          <button type="submit" className="primary" disabled={busy}>Buy</button>
        </div>
      </form>
    </ModalDialog>
  );
}
