import { boolean, defineWidget, integer, liquidString, numericString, plainString, stringBoolean } from './widget.ts';

/** Plays an optional prompt and collects keypad digits or speech from the caller. */
export default defineWidget({
  type: 'gather-input-on-call',
  label: 'Gather Input On Call',
  group: 'Voice',
  channel: 'voice',
  events: ['keypress', 'speech', 'timeout'],
  properties: {
    say: liquidString(),
    play: liquidString({ nullable: true }),
    voice: liquidString(),
    language: liquidString(),
    loop: integer({ default: 1 }),
    timeout: integer({ default: 5, description: 'Seconds to wait for input, 0-30.' }),
    finish_on_key: plainString({ default: '#', description: '"" disables it.' }),
    number_of_digits: integer({ nullable: true }),
    stop_gather: boolean({ default: true, description: 'Stop the prompt when input starts.' }),
    gather_language: liquidString({ default: 'en-US', description: 'Speech recognition language.' }),
    speech_timeout: numericString({ description: '"auto" or a number of seconds.' }),
    speech_model: plainString({ description: 'e.g. "default", "numbers_and_commands", "phone_call".' }),
    hints: liquidString({ nullable: true, description: 'Comma-separated phrases.' }),
    profanity_filter: stringBoolean(),
    save_response_as: plainString({ nullable: true, description: 'Legacy exports only, always null.' }),
  },
  outputs: [
    'Digits', 'SpeechResult', 'Confidence',
    'CallSid', 'CallStatus', 'AccountSid', 'From', 'To', 'Called', 'Caller', 'Direction', 'ApiVersion',
  ],
});
