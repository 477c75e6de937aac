import { defaultWebhooks, type NumberRecord } from '../../store/records.ts';

export type NumberSettings = Partial<Omit<NumberRecord, 'sid' | 'accountSid' | 'phoneNumber' | 'dateCreated' | 'dateUpdated'>>;

/** A newly bought number: nothing configured unless given. */
export function newNumberRecord(sid: string, accountSid: string, phoneNumber: string, now: string, settings: NumberSettings = {}): NumberRecord {
  return {
    sid,
    accountSid,
    phoneNumber,
    friendlyName: friendlyNumber(phoneNumber),
    ...defaultWebhooks(),
    ...settings,
    dateCreated: now,
    dateUpdated: now,
  };
}

/** Twilio's default friendly name: `(415) 555-0100` for North American numbers. */
export function friendlyNumber(phoneNumber: string): string {
  const match = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(phoneNumber);
  return match ? `(${match[1]}) ${match[2]}-${match[3]}` : phoneNumber;
}
