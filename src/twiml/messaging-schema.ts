import { httpMethod, url, type TwimlSchema } from './twiml-schema.ts';

/** Messaging TwiML: `<Response>` holding `<Message>` (text, or `<Body>` and `<Media>`) and `<Redirect>`. */
export const messagingSchema = {
  Response: { text: false, children: ['Message', 'Redirect'], attributes: {}, nestingCode: 14110 },
  Message: {
    text: true,
    children: ['Body', 'Media'],
    attributes: {
      to: { type: 'string', code: 14101 },
      from: { type: 'string', code: 14102 },
      action: url(),
      method: httpMethod(14104),
      statusCallback: url(14105),
    },
  },
  Body: { text: true, children: [], attributes: {} },
  Media: { text: true, children: [], attributes: {} },
  Redirect: { text: true, children: [], attributes: { method: httpMethod(14104) } },
} as const satisfies TwimlSchema;
