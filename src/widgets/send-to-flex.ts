import { defineWidget, liquidString, numericString, plainString } from './widget.ts';

/** Hands the call, chat or conversation to Flex as a TaskRouter task. */
export default defineWidget({
  type: 'send-to-flex',
  label: 'Send To Flex',
  group: 'Connect Other Products',
  channel: 'any',
  // One source adds `composerStarted`; unverified, so left out.
  events: ['callComplete', 'failedToEnqueue', 'callFailure'],
  failureEvent: 'callFailure',
  properties: {
    workflow: plainString({ required: true, description: 'WW… TaskRouter workflow.' }),
    channel: plainString({ required: true, description: 'TC… task channel.' }),
    attributes: liquidString({ description: 'JSON text, up to 1024 characters.' }),
    priority: numericString({ default: '0' }),
    timeout: numericString({ default: '3600', description: 'Seconds, at most "1209600".' }),
    waitUrl: liquidString({ description: 'Hold music TwiML URL.' }),
    waitUrlMethod: plainString({ enum: ['GET', 'POST'] }),
  },
  outputs: [
    'QueueResult', 'QueueSid', 'QueueTime', 'CallStatus', 'FlexContextSid',
    'sid', 'attributes', 'age', 'priority', 'channel', 'routing', 'url',
  ],
});
