import { defineWidget, integer, liquidString, plainString } from './widget.ts';

/** Puts the caller in a named queue or a TaskRouter workflow until the call leaves it. */
export default defineWidget({
  type: 'enqueue-call',
  label: 'Enqueue Call',
  group: 'Connect Other Products',
  channel: 'voice',
  events: ['callComplete', 'failedToEnqueue', 'callFailure'],
  failureEvent: 'callFailure',
  properties: {
    queue_name: liquidString({ description: 'Up to 64 characters. Set this or workflow_sid.' }),
    workflow_sid: plainString({ description: 'WW… TaskRouter workflow.' }),
    task_attributes: liquidString({ description: 'JSON text, up to 1024 characters.' }),
    priority: integer(),
    timeout: integer({ description: 'Task timeout in seconds.' }),
    wait_url: liquidString({ description: 'Hold music TwiML URL.' }),
    wait_url_method: plainString({ enum: ['GET', 'POST'], default: 'GET' }),
  },
  outputs: [
    'QueueResult', 'QueueSid', 'QueueTime',
    'CallSid', 'CallStatus', 'AccountSid', 'From', 'To', 'Called', 'Caller', 'Direction', 'ApiVersion',
  ],
});
