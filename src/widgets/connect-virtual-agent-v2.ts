import { defineWidget, keyValueList, liquidString, numericString, plainString } from './widget.ts';

/** Hands a call or a Conversation to a Dialogflow CX agent (properties and types unverified). */
export default defineWidget({
  type: 'connect-virtual-agent-v2',
  label: 'Connect Virtual Agent (Dialogflow CX)',
  group: 'Connect Other Products',
  channel: 'any',
  events: ['completed', 'live-agent-handoff', 'hangup', 'failed', 'paused', 'timeout'],
  failureEvent: 'failed',
  properties: {
    channel: plainString({ enum: ['voice', 'conversations'] }),
    connector_name: plainString(),
    session_behavior: plainString(),
    resume_session_identification_method: plainString(),
    resume_session_identification_value: liquidString(),
    resume_session_event_name: liquidString(),
    configurations: keyValueList(),
    parameters: keyValueList(),
    status_callback: liquidString(),
    status_callback_method: plainString(),
    timeout: numericString(),
  },
  // Outputs are unknown.
  outputs: [],
  run(_props, ctx) {
    return ctx.fail(
      'widgetNotSupported',
      'connect-virtual-agent-v2 hands the call or Conversation to a Dialogflow CX agent; Dialogflow virtual agents are not emulated, so this widget cannot run in Switchboard',
    );
  },
});
