import { accountPath, call } from '../api/client.ts';
import type { NumberJson } from '../api/types.ts';
import { FormDialog } from './form-dialog.tsx';

/** Buys an emulated number: any E.164 number that no one holds yet. */
export function BuyNumberDialog({ onBought, onClose }: { onBought(number: NumberJson): void; onClose(): void }) {
  const buy = async (form: FormData) => {
    onBought(await call<NumberJson>('POST', `${accountPath()}/IncomingPhoneNumbers.json`, {
      PhoneNumber: String(form.get('phoneNumber')).trim(),
      FriendlyName: String(form.get('friendlyName')).trim() || undefined,
    }));
  };
  return (
    <FormDialog title="Buy a number" submitLabel="Buy" onSubmit={buy} onClose={onClose}>
      <label>
        Phone number (E.164)
        <input name="phoneNumber" required autoFocus placeholder="+15550001234" inputMode="tel" autoComplete="off" />
      </label>
      <label>
        Friendly name
        <input name="friendlyName" placeholder="optional" />
      </label>
    </FormDialog>
  );
}
