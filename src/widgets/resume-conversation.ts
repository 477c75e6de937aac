import { defineWidget } from './widget.ts';

/** Resumes a Conversation. Its events come from one unverified source; no properties are known. */
export default defineWidget({
  type: 'resume-conversation',
  label: 'Resume Conversation',
  group: 'Messaging',
  channel: 'messaging',
  events: ['resumed', 'failed'],
  failureEvent: 'failed',
  properties: {},
  outputs: [],
});
