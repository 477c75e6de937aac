import { defineWidget, keyValueList, liquidString, plainString, stringBoolean } from './widget.ts';

/** Connects the call to a ConversationRelay WebSocket app. Properties, events and output are unverified. */
export default defineWidget({
  type: 'run-conversation-relay',
  label: 'Run ConversationRelay',
  group: 'Connect Other Products',
  channel: 'voice',
  events: ['success', 'failed'],
  failureEvent: 'failed',
  properties: {
    url: liquidString({ description: 'wss:// URL.' }),
    welcome_greeting: liquidString(),
    tts_provider: plainString(),
    voice: liquidString(),
    language: liquidString(),
    transcription_provider: plainString(),
    speech_model: plainString(),
    dtmf_detection: stringBoolean(),
    interruptible: liquidString(),
    parameters: keyValueList(),
  },
  outputs: ['HandoffData'],
});
