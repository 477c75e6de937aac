import { countSegments } from './carrier.ts';

/** The form parameters Twilio posts to a messaging webhook for an inbound SMS. */
export function inboundMessageParams(message: {
  accountSid: string;
  messageSid: string;
  from: string;
  to: string;
  body: string;
  mediaUrls?: string[];
}): Record<string, string> {
  const media = message.mediaUrls ?? [];
  const params: Record<string, string> = {
    ToCountry: '',
    ToState: '',
    SmsMessageSid: message.messageSid,
    NumMedia: String(media.length),
    ToCity: '',
    FromZip: '',
    SmsSid: message.messageSid,
    FromState: '',
    SmsStatus: 'received',
    FromCity: '',
    Body: message.body,
    FromCountry: '',
    To: message.to,
    ToZip: '',
    NumSegments: String(countSegments(message.body)),
    MessageSid: message.messageSid,
    AccountSid: message.accountSid,
    From: message.from,
    ApiVersion: '2010-04-01',
  };
  media.forEach((url, index) => {
    params[`MediaUrl${index}`] = url;
  });
  return params;
}
