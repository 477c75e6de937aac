import { defineWidget, liquidString, plainString, stringBoolean } from './widget.ts';

/** Hands the call to a Dialogflow ES agent (deprecated) until it returns or the caller hangs up. */
export default defineWidget({
  type: 'connect-virtual-agent',
  label: 'Connect Virtual Agent (Dialogflow ES)',
  group: 'Connect Other Products',
  channel: 'voice',
  events: ['hangup', 'return'],
  properties: {
    connector: plainString({ required: true }),
    language: liquidString(),
    sentiment_analysis: stringBoolean(),
    status_callback: liquidString(),
  },
  outputs: [
    'VirtualAgentProvider', 'VirtualAgentStatus', 'VirtualAgentProviderData', 'VirtualAgentError',
    'VirtualAgentErrorCode',
  ],
  run(_props, ctx) {
    return ctx.fail(
      'widgetNotSupported',
      'connect-virtual-agent hands the call to a Dialogflow ES agent through <Connect><VirtualAgent>; Dialogflow virtual agents are not emulated, so this widget cannot run in Switchboard',
    );
  },
});
