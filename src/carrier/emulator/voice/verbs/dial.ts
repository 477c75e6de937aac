import type { CallStatus } from '../../../../store/records.ts';
import { elementsOf, textOf, type TwimlElement } from '../../../../twiml/twiml-node.ts';
import { Bridge } from '../bridge.ts';
import { LegInterrupted, type CallLeg, type LegInput } from '../call-leg.ts';
import { runNestedDocument } from '../twiml-session.ts';
import { booleanAttribute, methodAttribute, numberAttribute, type VerbContext, type VerbRunner } from './verb.ts';

/** What a <Dial> came to, as its action request reports it. */
interface DialResult {
  status: 'completed' | 'answered' | 'busy' | 'no-answer' | 'failed' | 'canceled';
  child?: CallLeg;
  bridged: boolean;
  duration?: number;
  extra?: Record<string, string>;
}

interface DialTarget {
  address: string;
  noun: TwimlElement | undefined;
}

interface DialSettings {
  timeout: number;
  callerId: string;
  hangupOnStar: boolean;
  timeLimit: number;
  record: boolean;
}

/**
 * <Dial>: rings numbers, clients and SIP addresses (at once, first answer wins; or one after
 * another with `sequential`), or joins a conference, or takes a caller from a queue. The bridged
 * call shows as two connected legs. With `action`, the outcome is requested there; without, the
 * next verb runs.
 */
export const dial: VerbRunner = async (element, context) => {
  const { leg } = context;
  const nouns = elementsOf(element);
  const settings: DialSettings = {
    timeout: Math.min(Math.max(numberAttribute(element, 'timeout', 30), 5), 600),
    callerId: element.attributes.callerId ?? leg.record.from,
    hangupOnStar: booleanAttribute(element, 'hangupOnStar', false),
    timeLimit: numberAttribute(element, 'timeLimit', 14400),
    record: /^record-from|^true$/.test(element.attributes.record ?? ''),
  };
  const conference = nouns.find((noun) => noun.name === 'Conference');
  const queue = nouns.find((noun) => noun.name === 'Queue');
  let result: DialResult;
  try {
    if (conference) {
      result = await joinConference(conference, context, settings);
    } else if (queue) {
      result = await takeFromQueue(queue, context, settings);
    } else {
      const text = textOf(element).trim();
      const targets: DialTarget[] = text
        ? [{ address: text, noun: undefined }]
        : nouns.filter((noun) => ['Number', 'Client', 'Sip', 'Sim'].includes(noun.name)).map((noun) => ({ address: addressOf(noun), noun }));
      const sequential = booleanAttribute(element, 'sequential', false);
      leg.hear('dial', { to: targets.map((target) => target.address), sequential, timeout: settings.timeout, callerId: settings.callerId });
      result = await dialTargets(targets, sequential, context, settings);
    }
  } catch (error) {
    if (error instanceof DialHungUp) {
      // The caller hung up during the bridge: the action still hears of it (its answer is ignored).
      if (context.network.options.dialActionOnCallerHangup) await context.actionAfterHangup(element, false, dialParams(error.result));
      throw error.interruption;
    }
    throw error;
  }
  leg.hear('dial-ended', { status: result.status, ...(result.child ? { callSid: result.child.sid } : {}) });
  if (!element.attributes.action) return;
  const action = context.action(element, false, dialParams(result));
  return action ? { transfer: action } : undefined;
};

/** Thrown when the caller hangs up while bridged, carrying what the dial came to. */
class DialHungUp extends Error {
  constructor(
    readonly interruption: LegInterrupted,
    readonly result: DialResult,
  ) {
    super('the caller hung up during the dial');
  }
}

function dialParams(result: DialResult): Record<string, string> {
  return {
    DialCallStatus: result.status,
    ...(result.child ? { DialCallSid: result.child.sid } : {}),
    ...(result.duration !== undefined ? { DialCallDuration: String(result.duration) } : {}),
    DialBridged: String(result.bridged),
    ...result.extra,
  };
}

function addressOf(noun: TwimlElement): string {
  const identity = elementsOf(noun).find((child) => child.name === 'Identity');
  const text = (identity ? textOf(identity) : textOf(noun)).trim();
  if (noun.name === 'Client') return text.startsWith('client:') ? text : `client:${text}`;
  return text;
}

async function dialTargets(targets: DialTarget[], sequential: boolean, context: VerbContext, settings: DialSettings): Promise<DialResult> {
  if (targets.length === 0) return { status: 'failed', bridged: false };
  if (!sequential) return ringAndBridge(targets, context, settings);
  let last: DialResult = { status: 'no-answer', bridged: false };
  for (const target of targets) {
    last = await ringAndBridge([target], context, settings);
    if (last.bridged) return last;
  }
  return last;
}

/**
 * Rings every target at once. The first to answer (and to get through its whisper `url`) is
 * bridged; the others are canceled. Resolves once the bridge ends, or when nobody answered.
 */
async function ringAndBridge(targets: DialTarget[], context: VerbContext, settings: DialSettings): Promise<DialResult> {
  const { leg, network } = context;
  const children: CallLeg[] = [];
  const outcomes = new Map<CallLeg, CallStatus>();
  let winner: { child: CallLeg; bridge: Bridge } | undefined;
  let decide: (() => void) | undefined;

  for (const target of targets) {
    const child = await network.newChildLeg(leg, target.address, settings.callerId);
    children.push(child);
    const noun = target.noun;
    if (noun?.attributes.statusCallback) {
      const events = (noun.attributes.statusCallbackEvent ?? 'completed').split(/\s+/).filter(Boolean);
      child.statusCallback = { url: context.resolve(noun.attributes.statusCallback), method: methodAttribute(noun, 'statusCallbackMethod'), events: new Set(events) };
    }
    if (target.address.startsWith('+') && !/^\+[1-9]\d{1,14}$/.test(target.address)) {
      leg.hear('warning', { code: 13223, message: `Dial: "${target.address}" is not a phone number in E.164 format` });
    }
    network.run(child, async () => {
      network.statusCallback(child, 'initiated');
      const outcome = await network.ring(child, settings.timeout);
      if (outcome !== 'answered') return outcome;
      if (winner) return 'canceled';
      await network.markAnswered(child);
      if (noun?.attributes.sendDigits) child.hear('digits-sent', { digits: noun.attributes.sendDigits });
      if (noun?.attributes.url) {
        const whisper = { url: context.resolve(noun.attributes.url), method: methodAttribute(noun) };
        const hungUp = await runNestedDocument(child, whisper, network);
        if (hungUp) return 'completed';
      }
      if (winner || leg.ended) return 'completed';
      const bridge = new Bridge(leg, child, network.clock.now());
      winner = { child, bridge };
      decide?.();
      await bridge.hold(child);
      return 'completed';
    });
    // The child's end (unanswered, or hung up) may settle the dial.
    void child.whenEnded().then(() => {
      outcomes.set(child, child.record.status);
      if (outcomes.size === children.length) decide?.();
    });
  }

  try {
    await leg.park<void>('dial', [], (finish) => {
      decide = finish;
      if (winner || outcomes.size === children.length) finish();
      return {};
    });
  } catch (error) {
    for (const child of children) child.interrupt({ kind: 'hangup', status: 'canceled' });
    throw error;
  }
  for (const child of children) if (child !== winner?.child) child.interrupt({ kind: 'hangup', status: 'canceled' });
  if (!winner) return { status: unansweredStatus(children.map((child) => outcomes.get(child) ?? 'no-answer')), child: children.at(-1), bridged: false };
  return holdBridge(winner.child, winner.bridge, context, settings);
}

/** The caller's side of a bridge: until either side leaves, `*` (with hangupOnStar) or timeLimit. */
async function holdBridge(child: CallLeg, bridge: Bridge, context: VerbContext, settings: DialSettings): Promise<DialResult> {
  const { leg, network } = context;
  const cancelLimit = network.after(settings.timeLimit, () => {
    child.hear('hangup', { by: 'time-limit' });
    child.interrupt({ kind: 'hangup', status: 'completed' });
  });
  const result = (): DialResult => {
    const duration = Math.round((network.clock.now() - bridge.startedAt) / 1000);
    return { status: 'completed', child, bridged: true, duration, extra: settings.record ? recordingParams(context, child, duration) : undefined };
  };
  try {
    await bridge.hold(leg, settings.hangupOnStar ? ['digits'] : [], (input: LegInput) => {
      if (!input.digits?.includes('*')) return;
      leg.hear('hangup-on-star');
      child.interrupt({ kind: 'hangup', status: 'completed' });
    });
  } catch (error) {
    if (error instanceof LegInterrupted && error.interruption.kind === 'hangup') throw new DialHungUp(error, result());
    throw error;
  } finally {
    cancelLimit();
  }
  return result();
}

function recordingParams(context: VerbContext, child: CallLeg, duration: number): Record<string, string> {
  const recording = context.network.saveRecording(context.leg, { source: 'DialVerb', duration, audio: '', callSid: child.sid });
  return { RecordingUrl: recording.url, RecordingSid: recording.sid, RecordingDuration: String(duration) };
}

/** No one answered: busy if every target was busy, failed if every one failed, canceled if every one was canceled (REST), else no-answer. */
function unansweredStatus(outcomes: CallStatus[]): DialResult['status'] {
  if (outcomes.every((status) => status === 'canceled')) return 'canceled';
  if (outcomes.every((status) => status === 'busy')) return 'busy';
  if (outcomes.every((status) => status === 'failed')) return 'failed';
  return 'no-answer';
}

async function joinConference(noun: TwimlElement, context: VerbContext, settings: DialSettings): Promise<DialResult> {
  const { leg, network } = context;
  const name = textOf(noun).trim();
  const room = network.conferences.room(leg.account.sid, name);
  leg.hear('dial', { conference: name });
  const participant = {
    leg,
    startConferenceOnEnter: booleanAttribute(noun, 'startConferenceOnEnter', true),
    endConferenceOnExit: booleanAttribute(noun, 'endConferenceOnExit', false),
    removed: () => {},
  };
  let left = false;
  try {
    await leg.park<void>('conference', settings.hangupOnStar ? ['digits'] : [], (finish) => {
      participant.removed = () => {
        left = true;
        finish();
      };
      room.join(participant);
      return {
        onInput: (input) => {
          if (input.digits?.includes('*')) finish();
        },
      };
    });
  } finally {
    if (!left) room.leave(participant);
  }
  return { status: 'answered', bridged: true };
}

/**
 * <Dial><Queue>: takes the longest-waiting caller (waiting up to `timeout` for one), plays the
 * Queue's `url` to them, and bridges.
 */
async function takeFromQueue(noun: TwimlElement, context: VerbContext, settings: DialSettings): Promise<DialResult> {
  const { leg, network } = context;
  const name = textOf(noun).trim();
  const queue = network.queues.get(leg.account.sid, name);
  leg.hear('dial', { queue: name });
  const member =
    queue.takeFirst(network.clock.now()) ??
    (await leg.park<ReturnType<typeof queue.takeFirst>>('dial', [], (finish) => {
      let wanted = true;
      const cancelWatch = queue.whenMemberArrives((arrived) => {
        if (!wanted) return false;
        wanted = false;
        queue.remove(arrived.leg);
        finish(arrived);
        return true;
      });
      const cancelTimer = network.after(settings.timeout, () => {
        wanted = false;
        finish(undefined);
      });
      return { cancel: () => (cancelWatch(), cancelTimer()) };
    }));
  if (!member) return { status: 'no-answer', bridged: false, extra: { QueueSid: queue.sid } };
  const queueTime = Math.round((network.clock.now() - member.enqueuedAt) / 1000);
  const bridge = new Bridge(leg, member.leg, network.clock.now());
  member.dequeue = { dialer: leg, bridge, url: noun.attributes.url ? { url: context.resolve(noun.attributes.url), method: methodAttribute(noun) } : undefined };
  member.leg.interrupt({ kind: 'dequeued' });
  const result = await holdBridge(member.leg, bridge, context, settings);
  return { ...result, extra: { ...result.extra, QueueSid: queue.sid, QueueTime: String(queueTime) } };
}
