import type { FastifyInstance } from 'fastify';
import type { CallLeg, InputKind, LegInput } from '../../carrier/emulator/voice/call-leg.ts';
import { isClientAddress, isE164, isSipAddress } from '../../carrier/e164.ts';
import { resourceNotFound, SwitchboardError } from '../../errors.ts';
import type { HandsetRecord } from '../../store/records.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { asParams, oneOf, optionalString, requiredString, textParams, type Params } from '../params.ts';
import { callJson } from '../twilio/twilio-resources.ts';

type NumberParams = { Params: { number: string } };
type CallParams = { Params: { sid: string } };

/**
 * The far end of the voice network: handsets and clients place calls, key digits, speak,
 * record, answer and hang up; each answer is the call with its transcript of events, once the
 * call has reacted (under the virtual clock, once the whole network is idle).
 */
export function registerEmulatorCallRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, voice } = context;

  const withEvents = async (sid: string) => {
    const leg = voice.live(sid);
    const call = leg?.record ?? (await store.getCall(sid));
    if (!call) throw resourceNotFound(`/emulator/v1/Calls/${sid}`);
    return { ...callJson(call), waiting_for: leg?.waitingFor ?? null, events: await voice.eventsOf(sid) };
  };
  const settled = async (leg: CallLeg) => {
    await voice.settle(leg);
    return withEvents(leg.sid);
  };

  app.post<NumberParams>('/emulator/v1/Handsets/:number/Calls', async (request, reply) => {
    const account = await authenticate(request, store);
    const params = asParams(request.body);
    const from = request.params.number;
    let leg: CallLeg;
    if (from.startsWith('client:')) {
      handsetAddress(from);
      // A client calls through a TwiML App; every other parameter reaches the app, as the Voice SDK's do.
      const applicationSid = requiredString(params, 'ApplicationSid');
      const custom = Object.fromEntries(Object.entries(textParams(request.body)).flatMap(([key, value]) => (key === 'ApplicationSid' ? [] : [[key, String(value)]])));
      leg = await voice.callFromClient(account, from.slice('client:'.length), applicationSid, custom);
    } else {
      leg = await voice.callFromHandset(from, requiredString(params, 'To', 'missingCalledNumber'));
    }
    if (leg.account.sid !== account.sid) throw new SwitchboardError('toUnreachable', `${leg.record.to} belongs to another account`);
    reply.code(201);
    return settled(leg);
  });

  app.get<CallParams>('/emulator/v1/Calls/:sid', async (request) => {
    const account = await authenticate(request, store);
    const call = voice.live(request.params.sid)?.record ?? (await store.getCall(request.params.sid));
    if (!call || call.accountSid !== account.sid) throw resourceNotFound(`/emulator/v1/Calls/${request.params.sid}`);
    return withEvents(call.sid);
  });

  app.post<CallParams>('/emulator/v1/Calls/:sid/Input', async (request) => {
    const account = await authenticate(request, store);
    const { kind, input } = inputOf(asParams(request.body));
    return settled(await voice.input(account.sid, request.params.sid, kind, input));
  });

  app.post<CallParams>('/emulator/v1/Calls/:sid/Answer', async (request) => {
    const account = await authenticate(request, store);
    return settled(await voice.input(account.sid, request.params.sid, 'answer', { answer: 'accept' }));
  });

  app.post<CallParams>('/emulator/v1/Calls/:sid/Reject', async (request) => {
    const account = await authenticate(request, store);
    return settled(await voice.input(account.sid, request.params.sid, 'answer', { answer: 'reject' }));
  });

  app.post<CallParams>('/emulator/v1/Calls/:sid/Hangup', async (request) => {
    const account = await authenticate(request, store);
    return settled(await voice.hangupFromHandset(account.sid, request.params.sid));
  });

  app.get<NumberParams>('/emulator/v1/Handsets/:number', async (request) => {
    await authenticate(request, store);
    return handsetJson(await voice.handset(handsetAddress(request.params.number)));
  });

  app.post<NumberParams>('/emulator/v1/Handsets/:number', async (request) => {
    await authenticate(request, store);
    const address = handsetAddress(request.params.number);
    const params = asParams(request.body);
    const current = await voice.handset(address);
    const delay = optionalString(params, 'AnswerDelay');
    if (delay !== undefined && (!/^\d+$/.test(delay) || Number(delay) > 600)) {
      throw new SwitchboardError('invalidParameter', `AnswerDelay must be a whole number of seconds from 0 to 600, not "${delay}"`);
    }
    const handset: HandsetRecord = {
      address,
      answerMode: oneOf(params, 'AnswerMode', ['auto', 'busy', 'no-answer', 'fail', 'manual']) ?? current.answerMode,
      answerDelay: delay === undefined ? current.answerDelay : Number(delay),
      answeredBy: oneOf(params, 'AnsweredBy', ['human', 'machine_start', 'fax']) ?? current.answeredBy,
    };
    await store.putHandset(handset);
    return handsetJson(handset);
  });
}

function handsetAddress(address: string): string {
  if (isE164(address) || isClientAddress(address) || isSipAddress(address)) return address;
  throw new SwitchboardError('invalidParameter', `${address} is not a handset: give an E.164 number, client:name or sip:user@host`);
}

function handsetJson(handset: HandsetRecord) {
  return { address: handset.address, answer_mode: handset.answerMode, answer_delay: handset.answerDelay, answered_by: handset.answeredBy };
}

/** Exactly one of Digits, Speech or Recording (with RecordingSeconds, and Hangup=true to hang up right after it). */
function inputOf(params: Params): { kind: InputKind; input: LegInput } {
  const digits = optionalString(params, 'Digits');
  const speech = optionalString(params, 'Speech');
  const recording = optionalString(params, 'Recording');
  const given = [digits, speech, recording].filter((value) => value !== undefined).length;
  if (given !== 1) throw new SwitchboardError('invalidParameter', 'Give exactly one of Digits, Speech or Recording');
  if (digits !== undefined) {
    if (!/^[0-9*#A-D]{1,64}$/.test(digits)) throw new SwitchboardError('invalidParameter', `Digits may hold 1 to 64 of 0-9, *, # and A-D, not "${digits}"`);
    return { kind: 'digits', input: { digits } };
  }
  if (speech !== undefined) return { kind: 'speech', input: { speech } };
  const seconds = optionalString(params, 'RecordingSeconds');
  if (seconds !== undefined && (!/^\d+$/.test(seconds) || Number(seconds) > 86400)) {
    throw new SwitchboardError('invalidParameter', `RecordingSeconds must be a whole number of seconds up to 86400, not "${seconds}"`);
  }
  const hangup = oneOf(params, 'Hangup', ['true', 'false']) === 'true';
  return { kind: 'recording', input: { recording, recordingSeconds: seconds === undefined ? undefined : Number(seconds), hangUpAfter: hangup } };
}
