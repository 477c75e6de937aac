import { defineWidget, integer, keyValueList, liquidString, plainString } from './widget.ts';

/** Hands the conversation to an Autopilot assistant. Autopilot is end-of-life; kept so old flows parse. */
export default defineWidget({
  type: 'send-to-auto-pilot',
  label: 'Send to Autopilot',
  group: 'Connect Other Products',
  channel: 'any',
  events: ['sessionEnded', 'failure', 'timeout'],
  failureEvent: 'failure',
  properties: {
    autopilot_assistant_sid: plainString(),
    body: liquidString(),
    from: liquidString(),
    chat_service: liquidString(),
    chat_channel: liquidString(),
    chat_attributes: liquidString(),
    target_task: liquidString(),
    memory_parameters: keyValueList(),
    timeout: integer({ default: 14400 }),
  },
  outputs: ['memory'],
  run(_props, ctx) {
    return ctx.fail(
      'widgetNotSupported',
      'send-to-auto-pilot hands the conversation to an Autopilot assistant; Twilio retired Autopilot and Switchboard does not emulate it, so this widget cannot run',
    );
  },
});
