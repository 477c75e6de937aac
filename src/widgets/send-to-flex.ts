import { enqueueCall, leftQueue } from './enqueue-call.ts';
import { defineWidget, liquidString, numericString, plainString, type Outcome } from './widget.ts';
import { text, wholeNumber } from './property-values.ts';

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
  /**
   * A call: an <Enqueue workflowSid> with a <Task> of the attributes, as enqueue-call does with a
   * workflow. Flex is not emulated, so the caller waits in a queue named after the workflow SID,
   * which an agent's `<Dial><Queue>WW…</Queue></Dial>` takes.
   *
   * A message or conversation: Studio creates the Flex task and "removes Studio from the
   * engagement", so the execution ends here whatever `callComplete` leads to; the step is
   * `callComplete` and the outputs are the task as Studio would see it (a `WT…` SID; no
   * TaskRouter is emulated, so nothing routes it).
   */
  async run(props, ctx) {
    const workflow = text(props.workflow);
    const priority = wholeNumber(props.priority, 0);
    const timeout = wholeNumber(props.timeout, 3600);
    const attributes = text(props.attributes) || '{}';
    if (ctx.callSid) {
      return enqueueCall(ctx, {
        queue: workflow,
        workflowSid: workflow,
        taskAttributes: attributes,
        priority,
        timeout,
        waitUrl: text(props.waitUrl),
        waitUrlMethod: props.waitUrlMethod === 'POST' ? 'POST' : 'GET',
      });
    }
    const created = ctx.services.flex
      ? await ctx.services.flex.createTask({
          workflowSid: workflow,
          taskChannel: text(props.channel),
          attributes,
          priority,
          timeout,
          contact: ctx.execution.contact.channel.address,
          executionSid: ctx.execution.flow.sid,
        })
      : { sid: ctx.services.sids.next('WT') };
    const task = { sid: created.sid, attributes, age: 0, priority, timeout, channel: text(props.channel), workflow };
    const handedOff: Outcome = { kind: 'transition', event: 'callComplete', output: task, transition: { event: 'callComplete', next: null } };
    return handedOff;
  },
  resume: (event, ctx) => leftQueue(event, ctx),
});
