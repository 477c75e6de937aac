import { messagingSchema } from './messaging-schema.ts';
import { elementsOf, type TwimlElement } from './twiml-node.ts';
import type { TwimlSchema } from './twiml-schema.ts';
import { voiceSchema } from './voice-schema.ts';

/** A document that sends a `<Message>` is messaging TwiML; anything else is voice TwiML. */
export function schemaFor(root: TwimlElement): TwimlSchema {
  return elementsOf(root).some((element) => element.name === 'Message') ? messagingSchema : voiceSchema;
}
