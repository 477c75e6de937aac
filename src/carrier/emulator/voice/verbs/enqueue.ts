import { textOf, type TwimlElement } from '../../../../twiml/twiml-node.ts';
import { LegInterrupted, type TwimlSource } from '../call-leg.ts';
import type { QueueMember } from '../call-queues.ts';
import { runNestedDocument } from '../twiml-session.ts';
import { methodAttribute, numberAttribute, type VerbContext, type VerbRunner } from './verb.ts';

/** Twilio's hold music when an <Enqueue> names no waitUrl. */
const defaultWaitMusic = 'http://com.twilio.music.classical.s3.amazonaws.com/BusyStrings.mp3';

/**
 * <Enqueue>: the caller waits in a named queue, hearing `waitUrl` TwiML (requested again each
 * time it runs out) until a <Dial><Queue> takes them, a <Leave> in the wait music, or hangup.
 * With `action`, the outcome (`QueueResult`) is requested there; without, the next verb runs.
 */
export const enqueue: VerbRunner = async (element, context) => {
  const { leg, network } = context;
  const name = textOf(element).trim();
  if (name.length === 0 || name.length > 64) {
    const code = name.length === 0 ? 14204 : 14205;
    leg.hear('error', { code, message: `Enqueue: the queue name must be 1 to 64 characters, not ${name.length}` });
    return;
  }
  const queue = network.queues.get(leg.account.sid, name);
  const maxSize = numberAttribute(element, 'maxQueueSize', 100);
  const enqueuedAt = network.clock.now();
  const queueTime = () => String(Math.round((network.clock.now() - enqueuedAt) / 1000));
  const outcome = (result: string): ReturnType<VerbRunner> => {
    leg.hear('enqueue-ended', { queue: name, result });
    const action = element.attributes.action ? context.action(element, false, { QueueResult: result, QueueSid: queue.sid, QueueTime: queueTime() }) : undefined;
    return Promise.resolve(action ? { transfer: action } : undefined);
  };
  if (queue.members.length >= maxSize) {
    leg.hear('warning', { code: 14207, message: `Enqueue: queue ${name} is full (${maxSize} callers)` });
    return outcome('queue-full');
  }
  const member: QueueMember = { leg, enqueuedAt };
  queue.add(member);
  leg.hear('enqueue', { queue: name, position: queue.position(leg) });
  const waitUrl = element.attributes.waitUrl ? context.resolve(element.attributes.waitUrl) : undefined;
  try {
    const left = await waitInQueue(waitUrl, methodAttribute(element, 'waitUrlMethod'), context, queue.sid, () => ({
      QueuePosition: String(queue.position(leg)),
      QueueSid: queue.sid,
      QueueTime: queueTime(),
      AvgQueueTime: String(queue.averageWait()),
      CurrentQueueSize: String(queue.members.length),
      MaxQueueSize: String(maxSize),
    }));
    if (left) return outcome('leave');
  } catch (error) {
    queue.remove(leg);
    if (error instanceof LegInterrupted && error.interruption.kind === 'hangup') await context.actionAfterHangup(element, false, { QueueResult: 'hangup', QueueSid: queue.sid, QueueTime: queueTime() });
    if (!(error instanceof LegInterrupted) || error.interruption.kind !== 'dequeued' || !member.dequeue) throw error;
  }
  // Taken by a dialer: hear the Queue's url, then talk until one side hangs up.
  const { bridge, dialer, url } = member.dequeue as NonNullable<QueueMember['dequeue']>;
  if (url) {
    const extra = { QueueSid: queue.sid, QueueTime: queueTime(), DequeingCallSid: dialer.sid };
    if (await runNestedDocument(leg, { ...url, extra }, network)) {
      bridge.leave(leg);
      return { hangup: 'completed' };
    }
  }
  // The caller hanging up in the queue or while bridged still reaches the action, with QueueResult=hangup.
  try {
    await bridge.hold(leg);
  } catch (error) {
    if (error instanceof LegInterrupted && error.interruption.kind === 'hangup') await context.actionAfterHangup(element, false, { QueueResult: 'hangup', QueueSid: queue.sid, QueueTime: queueTime() });
    throw error;
  }
  return outcome('bridged');
};

/**
 * Plays the wait music over and over; true when a <Leave> ends the wait. A dequeue or hangup
 * interrupts it. A pass of the music that took no time still counts `queueWaitSeconds`.
 */
async function waitInQueue(waitUrl: string | undefined, method: string, context: VerbContext, queueSid: string, params: () => Record<string, string>): Promise<boolean> {
  const { leg, network } = context;
  if (!waitUrl) {
    leg.hear('play', { url: defaultWaitMusic, loop: 0 });
    await leg.park<void>('queue', [], () => ({}));
    return false;
  }
  for (;;) {
    const startedAt = network.clock.now();
    const source: TwimlSource = { url: waitUrl, method, extra: params() };
    let left = false;
    const hungUp = await runNestedDocument(leg, source, network, {
      Leave: async () => {
        left = true;
        leg.hear('leave', { queueSid });
        return { hangup: 'completed' };
      },
    });
    if (left) return true;
    if (hungUp) throw new LegInterrupted({ kind: 'hangup', status: 'completed' });
    if (network.clock.now() === startedAt) await leg.pause('queue', network.options.queueWaitSeconds);
  }
}

/** <Leave> outside a queue's wait music does nothing. */
export const leave: VerbRunner = async (_element: TwimlElement, { leg }) => {
  leg.hear('warning', { code: 12200, message: '<Leave> only means something in a queue\'s waitUrl; ignored' });
};
