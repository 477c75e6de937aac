import type { ResumeEvent, WidgetOutput } from '../engine/execution-state.ts';
import { errorRecord } from '../errors.ts';
import { answerCall, callbackMarker, callbackOutput, withoutCall } from './voice-call.ts';
import { defineWidget, integer, liquidString, plainString, type Outcome, type WidgetContext } from './widget.ts';
import { text } from './property-values.ts';

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
  /**
   * An <Enqueue> whose action is the callback: into the named queue, or, with `workflow_sid`, into
   * the workflow with a <Task> holding the task attributes.
   */
  run(props, ctx) {
    const workflowSid = text(props.workflow_sid);
    return enqueueCall(ctx, {
      queue: workflowSid || text(props.queue_name),
      workflowSid: workflowSid || undefined,
      taskAttributes: text(props.task_attributes),
      priority: typeof props.priority === 'number' ? props.priority : undefined,
      timeout: typeof props.timeout === 'number' ? props.timeout : undefined,
      waitUrl: text(props.wait_url),
      waitUrlMethod: props.wait_url_method === 'POST' ? 'POST' : 'GET',
    });
  },
  resume: (event, ctx) => leftQueue(event, ctx),
});

/** What an <Enqueue> from enqueue-call or send-to-flex (voice) says. */
export interface EnqueueRequest {
  /** The queue's name. */
  queue: string;
  /** TaskRouter: the workflow, with a <Task> of the attributes, priority and timeout. */
  workflowSid?: string;
  taskAttributes?: string;
  priority?: number;
  timeout?: number;
  waitUrl?: string;
  waitUrlMethod?: 'GET' | 'POST';
}

/** Twilio's limit on a queue name (14205 beyond it). */
const maxQueueNameLength = 64;

/**
 * Answers the call with the <Enqueue> and waits for its action. A name Twilio would refuse
 * (14204 / 14205 make the whole document fail) is `failedToEnqueue` at once, with QueueResult
 * `error`, and the next widget answers the call instead.
 *
 * The emulator has no TaskRouter: with a workflow, the caller waits in a queue named after the
 * workflow SID (the element's text), which an agent's `<Dial><Queue>WW…</Queue></Dial>` takes.
 * `workflowSid` and the <Task> are still written, as Twilio reads them.
 */
export function enqueueCall(ctx: WidgetContext, request: EnqueueRequest): Outcome {
  const noCall = withoutCall(ctx);
  if (noCall) return noCall;
  if (request.queue === '' || request.queue.length > maxQueueNameLength) {
    return ctx.transition('failedToEnqueue', {
      QueueResult: 'error',
      error: errorRecord('invalidParameter', `the queue name must be 1 to ${maxQueueNameLength} characters, not ${request.queue.length}`),
    });
  }
  return answerCall(ctx, (response) => {
    const enqueue = response.enqueue(
      {
        action: ctx.callbackUrl(),
        ...(request.waitUrl ? { waitUrl: request.waitUrl, waitUrlMethod: request.waitUrlMethod ?? 'GET' } : {}),
        ...(request.workflowSid ? { workflowSid: request.workflowSid } : {}),
      },
      request.queue,
    );
    if (request.workflowSid) {
      enqueue.task(
        { ...(request.priority !== undefined ? { priority: request.priority } : {}), ...(request.timeout !== undefined ? { timeout: request.timeout } : {}) },
        request.taskAttributes || '{}',
      );
    }
    // Reached only if the <Enqueue> falls through without requesting its action.
    response.redirect(ctx.callbackUrl({ Event: 'failedToEnqueue' }));
  });
}

/**
 * The Enqueue action's QueueResult: `queue-full` (and `error` when nothing could be enqueued) is
 * `failedToEnqueue`, `system-error` / `error` `callFailure`, anything else (bridged, leave,
 * redirected, hangup, bridging-in-process) `callComplete`.
 *
 * A caller who hangs up while queued is `callComplete` with QueueResult `hangup`, as Twilio's
 * action reports it; the emulator ends the call without requesting the action, so `callEnded`
 * stands for it.
 */
export function leftQueue(event: ResumeEvent, ctx: WidgetContext): Outcome {
  if (event.type === 'callEnded') return ctx.transition('callComplete', { ...callbackOutput(event), QueueResult: 'hangup' });
  const output: WidgetOutput = callbackOutput(event);
  if (callbackMarker(event) === 'failedToEnqueue') return ctx.transition('failedToEnqueue', { QueueResult: 'error', ...output });
  switch (output.QueueResult) {
    case 'queue-full':
      return ctx.transition('failedToEnqueue', output);
    case 'system-error':
    case 'error':
      return ctx.transition('callFailure', output);
    default:
      return ctx.transition('callComplete', output);
  }
}
