import { messagingSchema } from './messaging-schema.ts';
import { createBuilder } from './twiml-builder.ts';
import { voiceSchema } from './voice-schema.ts';

/** A new voice TwiML document, built like the twilio package's `VoiceResponse`. */
export function voiceResponse() {
  return createBuilder(voiceSchema, 'Response');
}

/** A new messaging TwiML document, built like the twilio package's `MessagingResponse`. */
export function messagingResponse() {
  return createBuilder(messagingSchema, 'Response');
}
