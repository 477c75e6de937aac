import { defineWidget, keyValueList, oneOf, plainString } from './widget.ts';

/** Runs another flow as a child execution, then continues with its variables. */
export default defineWidget({
  type: 'run-subflow',
  label: 'Run Subflow',
  group: 'Tools & Execute Code',
  channel: 'any',
  events: ['completed', 'failed'],
  failureEvent: 'failed',
  properties: {
    flow_sid: plainString({ required: true, description: 'FW… literal SID; Liquid is not allowed.' }),
    flow_revision: oneOf(['string', 'integer'], { description: '"LatestPublished", "LatestDraft" or a number.' }),
    parameters: keyValueList({ description: '[{key, value, type}] with type "string" or "json_object".' }),
  },
  // The subflow's `flow.variables` come back flat as `widgets.<name>.<variable>`.
  outputs: [],
});
