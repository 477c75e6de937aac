import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { FlowDefinition } from '../src/flow/definition.ts';
import type { RunningServer } from '../src/server/server.ts';
import { flowOf, widget } from './support/engine-harness.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api, signedHeaders, testServer } from './support/test-server.ts';
import { buyNumber, emulator, executionOf, heard, publishFlow, twimlDocuments, voiceFlowNumber, type EmulatedCall, type Emulator } from './support/voice-harness.ts';

/**
 * The voice widgets beyond say-play and gather, end to end over the emulated voice network:
 * make-outgoing-call from a REST execution, add-twiml-redirect to a far-side TwiML app,
 * fork-stream to a real WebSocket server, and capture-payments against the emulator's test
 * Pay connector.
 */
let server: RunningServer;
let network: Emulator;
let app: Awaited<ReturnType<typeof farSide>>;
let nextNumber = 1000;
const accounts = `/2010-04-01/Accounts/${accountSid}`;

/** The far side's TwiML documents, by path. */
const { documents, serve } = twimlDocuments();

beforeAll(async () => {
  server = await testServer();
  network = emulator(server);
  app = await farSide(serve);
});
afterAll(async () => {
  await server.close();
  await app.close();
});

/** Schema findings the interpreter heard: the widgets' TwiML should have none. */
const findings = (call: EmulatedCall) => call.events.filter((event) => event.type === 'warning' || event.type === 'error');
const newNumber = () => `+1555070${nextNumber++}`;

/** Publishes a flow; returns its SID and webhook URL. */
const publish = (definition: FlowDefinition) => publishFlow(server, definition, 'voice widgets');

/** A platform number of the account; with a flow's webhook as its VoiceUrl when given. */
const platformNumber = (voiceUrl?: string) => buyNumber(server, newNumber(), voiceUrl ? { VoiceUrl: voiceUrl } : {});

/** A handset that answers as told (`AnswerMode`, `AnsweredBy`). */
async function handset(settings: Record<string, string> = {}): Promise<string> {
  const number = newNumber();
  if (Object.keys(settings).length > 0) await network.setHandset(number, settings);
  return number;
}

/** A handset calls a number whose VoiceUrl is the flow. */
async function callFlow(definition: FlowDefinition): Promise<{ flowSid: string; webhook: string; call: EmulatedCall }> {
  const { number, ...published } = await voiceFlowNumber(server, definition, { number: newNumber(), friendlyName: 'voice widgets' });
  const call = await network.call(await handset(), number);
  return { ...published, call };
}

async function activeExecutions(flowSid: string) {
  return (await api(server, 'GET', `/v2/Flows/${flowSid}/Executions?Status=active`)).body.executions;
}

// ---------------------------------------------------------------------------------------------

describe('make-outgoing-call-v2 in a REST-triggered execution', () => {
  const outbound = (properties: Record<string, unknown>, answered: string, ...rest: ReturnType<typeof widget>[]) =>
    flowOf(
      { incomingRequest: 'call' },
      widget('call', 'make-outgoing-call-v2', { to: '{{contact.channel.address}}', from: '{{flow.channel.address}}', timeout: 20, ...properties }, {
        answered,
        busy: 'busy',
        noAnswer: 'noAnswer',
        failed: 'failed',
      }),
      widget('busy', 'set-variables', { variables: [{ key: 'outcome', value: 'busy' }] }, { next: undefined }),
      widget('noAnswer', 'set-variables', { variables: [{ key: 'outcome', value: 'noAnswer' }] }, { next: undefined }),
      widget('failed', 'set-variables', { variables: [{ key: 'outcome', value: 'failed' }] }, { next: undefined }),
      ...rest,
    );

  /** Starts the execution with the REST API from a platform number to `to`, and lets the network settle. */
  async function start(definition: FlowDefinition, to: string, parameters: Record<string, unknown> = {}, from?: string) {
    const { flowSid } = await publish(definition);
    const created = await api(server, 'POST', `/v2/Flows/${flowSid}/Executions`, { To: to, From: from ?? (await platformNumber()), Parameters: JSON.stringify(parameters) });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await network.advance(0);
    return flowSid;
  }

  it('places the call; the answering handset hears the next say-play, and the execution ends with the call', async () => {
    const to = await handset();
    const flowSid = await start(
      outbound({ send_digits: '1w2', record: true }, 'hello', widget('hello', 'say-play', { say: 'Hello {{flow.data.name}}, this is {{widgets.call.To}}' }, { audioComplete: undefined })),
      to,
      { name: 'Ada' },
    );
    const { execution, context, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingRequest-> call', 'call -answered-> hello', 'hello -audioComplete-> Ended']);
    expect(execution.status).toBe('ended');
    const callSid = context.widgets.call.CallSid;
    expect(callSid).toMatch(/^CA[0-9a-f]{32}$/);
    expect(context.widgets.call).toMatchObject({ To: to, Direction: 'outbound-api', AccountSid: accountSid });
    const call = await network.fetchCall(callSid);
    expect(heard(call)).toEqual([`Hello Ada, this is ${to}`]);
    expect(call.status).toBe('completed');
    expect(call.events.map((event) => event.type)).toContain('answered');
    expect(call.events.find((event) => event.type === 'digits-sent')).toMatchObject({ digits: '1w2' });
    expect(findings(call)).toEqual([]);
    expect((await api(server, 'GET', `${accounts}/Calls/${callSid}/Recordings.json`)).body.recordings).toHaveLength(1);
  });

  it('with detect_answering_machine, a machine is told apart by a split on widgets.call.AnsweredBy', async () => {
    const flow = (to: string) =>
      start(
        outbound({ detect_answering_machine: true, machine_detection: 'Enable', machine_detection_timeout: '30' }, 'who',
          widget('who', 'split-based-on', { input: '{{widgets.call.AnsweredBy}}' }, [
            { event: 'noMatch', next: 'human' },
            { event: 'match', next: 'machine', conditions: [{ friendly_name: 'machine', arguments: ['{{widgets.call.AnsweredBy}}'], type: 'equal_to', value: 'machine_start' }] },
          ]),
          widget('human', 'say-play', { say: 'Hi there' }, { audioComplete: undefined }),
          widget('machine', 'say-play', { say: 'Sorry we missed you' }, { audioComplete: undefined })),
        to,
      );

    const machineFlow = await flow(await handset({ AnsweredBy: 'machine_start' }));
    const machine = await executionOf(server, machineFlow);
    expect(machine.path).toEqual(['Trigger -incomingRequest-> call', 'call -answered-> who', 'who -match-> machine', 'machine -audioComplete-> Ended']);
    expect(machine.context.widgets.call.AnsweredBy).toBe('machine_start');
    expect(heard(await network.fetchCall(machine.context.widgets.call.CallSid))).toEqual(['Sorry we missed you']);

    const humanFlow = await flow(await handset());
    const human = await executionOf(server, humanFlow);
    expect(human.path).toEqual(['Trigger -incomingRequest-> call', 'call -answered-> who', 'who -noMatch-> human', 'human -audioComplete-> Ended']);
    expect(human.context.widgets.call.AnsweredBy).toBe('human');
  });

  it('the answered contact hanging up in the next widget ends the execution', async () => {
    const flowSid = await start(
      outbound({}, 'menu', widget('menu', 'gather-input-on-call', { say: 'Press 1 to confirm', timeout: 30 }, { keypress: undefined, speech: undefined, timeout: undefined })),
      await handset(),
    );
    const { context } = await executionOf(server, flowSid);
    const call = await network.fetchCall(context.widgets.call.CallSid);
    expect(call.waiting_for).toBe('gather');
    expect(heard(call)).toEqual(['Press 1 to confirm']);
    expect(await activeExecutions(flowSid)).toHaveLength(1);
    await network.hangup(call.sid);
    expect(await activeExecutions(flowSid)).toHaveLength(0);
    expect((await executionOf(server, flowSid)).path).toEqual(['Trigger -incomingRequest-> call', 'call -answered-> menu', 'menu -hangup-> Ended']);
  });

  it('a contact declining the ringing call takes busy', async () => {
    const flowSid = await start(outbound({}, 'busy'), await handset({ AnswerMode: 'manual' }));
    const { context } = await executionOf(server, flowSid);
    expect((await network.fetchCall(context.widgets.call.CallSid)).status).toBe('ringing');
    await network.hangup(context.widgets.call.CallSid);
    expect(await activeExecutions(flowSid)).toHaveLength(0);
    expect((await executionOf(server, flowSid)).path).toEqual(['Trigger -incomingRequest-> call', 'call -busy-> busy', 'busy -next-> Ended']);
  });

  it('a busy handset takes busy', async () => {
    const flowSid = await start(outbound({}, 'busy'), await handset({ AnswerMode: 'busy' }));
    const { execution, context, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingRequest-> call', 'call -busy-> busy', 'busy -next-> Ended']);
    expect(execution.status).toBe('ended');
    expect(context.widgets.call.CallStatus).toBe('busy');
  });

  it('a handset that never answers takes noAnswer once the timeout has passed', async () => {
    const flowSid = await start(outbound({ timeout: 20 }, 'busy'), await handset({ AnswerMode: 'no-answer' }));
    expect(await activeExecutions(flowSid)).toHaveLength(1);
    await network.advance(19);
    expect(await activeExecutions(flowSid)).toHaveLength(1);
    await network.advance(1);
    const { execution, context, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingRequest-> call', 'call -noAnswer-> noAnswer', 'noAnswer -next-> Ended']);
    expect(execution.status).toBe('ended');
    expect(context.widgets.call.CallStatus).toBe('no-answer');
  });

  it('a failing handset takes failed', async () => {
    const flowSid = await start(outbound({}, 'busy'), await handset({ AnswerMode: 'fail' }));
    const { context, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingRequest-> call', 'call -failed-> failed', 'failed -next-> Ended']);
    expect(context.widgets.call.CallStatus).toBe('failed');
  });

  it('a call the network refuses (From is not a number of the account) takes failed with the error', async () => {
    const flowSid = await start(outbound({}, 'busy'), await handset(), {}, '+15550799999');
    const { execution, context, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingRequest-> call', 'call -failed-> failed', 'failed -next-> Ended']);
    expect(execution.status).toBe('ended');
    expect(context.widgets.call.error).toMatchObject({ code: 21212 });
  });

  it('make-outgoing-call-v1 places the call the same way', async () => {
    const flowSid = await start(
      flowOf(
        { incomingRequest: 'call' },
        widget('call', 'make-outgoing-call-v1', { timeout: 30 }, { answered: 'hello', busy: undefined, noAnswer: undefined, failed: undefined }),
        widget('hello', 'say-play', { say: 'Old but gold' }, { audioComplete: undefined }),
      ),
      await handset(),
    );
    const { context, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingRequest-> call', 'call -answered-> hello', 'hello -audioComplete-> Ended']);
    expect(heard(await network.fetchCall(context.widgets.call.CallSid))).toEqual(['Old but gold']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('add-twiml-redirect', () => {
  const redirectFlow = (properties: Record<string, unknown>) =>
    flowOf(
      { incomingCall: 'redirect' },
      widget('redirect', 'add-twiml-redirect', { method: 'POST', timeout: '600', ...properties }, { return: 'back', timeout: undefined, fail: 'sorry' }),
      widget('back', 'say-play', { say: 'Back with {{widgets.redirect.Foo}}' }, { audioComplete: undefined }),
      widget('sorry', 'say-play', { say: 'Could not redirect' }, { audioComplete: undefined }),
    );

  it('the external TwiML returns with FlowEvent=return; its extra parameters are the outputs', async () => {
    let webhook = '';
    documents['/elsewhere'] = () => `<Response><Say>elsewhere</Say><Redirect>${webhook}?FlowEvent=return&amp;Foo=bar</Redirect></Response>`;
    const published = await publish(redirectFlow({ url: `${app.url}/elsewhere` }));
    webhook = published.webhook;
    const number = await platformNumber(webhook);
    const call = await network.call(await handset(), number);
    expect(heard(call)).toEqual(['elsewhere', 'Back with bar']);
    expect(call.status).toBe('completed');
    const { execution, context, path } = await executionOf(server, published.flowSid);
    expect(path).toEqual(['Trigger -incomingCall-> redirect', 'redirect -return-> back', 'back -audioComplete-> Ended']);
    expect(execution.status).toBe('ended');
    expect(context.widgets.redirect.Foo).toBe('bar');
    expect(context.widgets.redirect.FlowEvent).toBeUndefined();
    const elsewhere = app.requests.find((request) => request.url === '/elsewhere');
    expect(elsewhere?.method).toBe('POST');
  });

  it('a redirect target that errors: the caller hears the application error and the execution ends', async () => {
    const { flowSid, call } = await callFlow(redirectFlow({ url: `${app.url}/missing` }));
    expect(call.status).toBe('completed');
    expect(call.events.some((event) => event.type === 'error' && event.code === 11200)).toBe(true);
    expect(heard(call)).toEqual(['We are sorry, an application error has occurred. Goodbye.']);
    const { execution, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingCall-> redirect', 'redirect -hangup-> Ended']);
    expect(execution.status).toBe('ended');
    expect(await activeExecutions(flowSid)).toHaveLength(0);
  });

  it('takes timeout when the call does not come back in time; the call stays where it was sent', async () => {
    documents['/hold'] = `<Response><Say>please hold</Say><Pause length="3600"/></Response>`;
    const { flowSid, call } = await callFlow(redirectFlow({ url: `${app.url}/hold`, timeout: '30' }));
    expect(heard(call)).toEqual(['please hold']);
    await network.advance(29);
    expect(await activeExecutions(flowSid)).toHaveLength(1);
    await network.advance(1);
    const { execution, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingCall-> redirect', 'redirect -timeout-> Ended']);
    expect(execution.status).toBe('ended');
    expect((await network.fetchCall(call.sid)).status).toBe('in-progress');
    await network.hangup(call.sid);
  });

  it('timeout "0": the flow lets the call go and takes timeout at once', async () => {
    const { flowSid, call } = await callFlow(redirectFlow({ url: `${app.url}/hold`, timeout: '0' }));
    await network.advance(0);
    const { execution, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingCall-> redirect', 'redirect -timeout-> Ended']);
    expect(execution.status).toBe('ended');
    expect((await network.fetchCall(call.sid)).status).toBe('in-progress');
    await network.hangup(call.sid);
  });

  it('an invalid URL takes fail', async () => {
    const { flowSid, call } = await callFlow(redirectFlow({ url: 'not a url' }));
    expect(heard(call)).toEqual(['Could not redirect']);
    const { context, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingCall-> redirect', 'redirect -fail-> sorry', 'sorry -audioComplete-> Ended']);
    expect(context.widgets.redirect.error).toMatchObject({ code: 21205 });
  });

  it('a caller hanging up while the call is elsewhere ends the execution', async () => {
    const { flowSid, call } = await callFlow(redirectFlow({ url: `${app.url}/hold` }));
    expect(await activeExecutions(flowSid)).toHaveLength(1);
    await network.hangup(call.sid);
    const { path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingCall-> redirect', 'redirect -hangup-> Ended']);
    expect(await activeExecutions(flowSid)).toHaveLength(0);
  });
});

// ---------------------------------------------------------------------------------------------

describe('fork-stream', () => {
  let sockets: WebSocketServer;
  let streamUrl = '';
  const messages: Array<Record<string, any>> = [];
  beforeAll(async () => {
    sockets = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => sockets.once('listening', () => resolve()));
    streamUrl = `ws://127.0.0.1:${(sockets.address() as AddressInfo).port}/media`;
    sockets.on('connection', (socket: WebSocket) => socket.on('message', (data) => messages.push(JSON.parse(data.toString()))));
  });
  afterAll(() => new Promise<void>((resolve) => sockets.close(() => resolve())));

  /** Waits (in real time: the socket is real) until the server has seen a message matching `test`. */
  async function received(test: (message: Record<string, any>) => boolean): Promise<Record<string, any>> {
    for (let tries = 0; tries < 200; tries++) {
      const found = messages.find(test);
      if (found) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no such message among ${JSON.stringify(messages.map((message) => message.event))}`);
  }

  it('starts a stream with its parameters, goes on, and stops it by name', async () => {
    const { flowSid, call } = await callFlow(
      flowOf(
        { incomingCall: 'fork' },
        widget('fork', 'fork-stream', {
          stream_action: 'start',
          stream_name: 'monitor',
          stream_transport_type: 'websocket',
          stream_url: streamUrl,
          stream_track: 'both_tracks',
          stream_parameters: [{ key: 'caller', value: '{{trigger.call.From}}' }, { key: 'purpose', value: 'qa' }],
        }, { next: 'menu' }),
        widget('menu', 'gather-input-on-call', { say: 'Press any key', number_of_digits: 1 }, { keypress: 'unfork', speech: undefined, timeout: undefined }),
        widget('unfork', 'fork-stream', { stream_action: 'stop', stream_name: 'monitor', stream_transport_type: 'websocket' }, { next: 'bye' }),
        widget('bye', 'say-play', { say: 'Bye' }, { audioComplete: undefined }),
      ),
    );
    expect(call.waiting_for).toBe('gather');
    const started = call.events.find((event) => event.type === 'stream-started');
    expect(started).toMatchObject({ url: streamUrl, name: 'monitor' });
    const start = await received((message) => message.event === 'start' && message.start.callSid === call.sid);
    expect(start.start.customParameters).toEqual({ caller: expect.stringMatching(/^\+1555070\d{4}$/), purpose: 'qa' });
    expect(start.start.tracks).toEqual(['inbound', 'outbound']);

    const ended = await network.input(call.sid, { Digits: '1' });
    expect(heard(ended)).toEqual(['Press any key', 'Bye']);
    expect(ended.events.some((event) => event.type === 'stream-stopped' && event.name === 'monitor')).toBe(true);
    expect(findings(ended)).toEqual([]);
    await received((message) => message.event === 'stop' && message.streamSid === start.streamSid);
    const { execution, path } = await executionOf(server, flowSid);
    expect(path).toEqual([
      'Trigger -incomingCall-> fork', 'fork -next-> menu', 'menu -keypress-> unfork', 'unfork -next-> bye', 'bye -audioComplete-> Ended',
    ]);
    expect(execution.status).toBe('ended');
  });

  it('siprec is forked with <Siprec> and the call goes on', async () => {
    const { call, flowSid } = await callFlow(
      flowOf(
        { incomingCall: 'fork' },
        widget('fork', 'fork-stream', { stream_action: 'start', stream_transport_type: 'siprec', stream_connector: 'SipRec1', stream_name: 'rec' }, { next: 'bye' }),
        widget('bye', 'say-play', { say: 'Recorded elsewhere' }, { audioComplete: undefined }),
      ),
    );
    expect(call.events.find((event) => event.type === 'fork-started')).toMatchObject({ noun: 'Siprec', name: 'rec' });
    expect(heard(call)).toEqual(['Recorded elsewhere']);
    expect((await executionOf(server, flowSid)).path).toHaveLength(3);
  });

  it('a caller hanging up after the fork leaves no active execution', async () => {
    const { flowSid, call } = await callFlow(
      flowOf(
        { incomingCall: 'fork' },
        widget('fork', 'fork-stream', { stream_action: 'start', stream_url: streamUrl, stream_name: 'hang' }, { next: 'menu' }),
        widget('menu', 'gather-input-on-call', { say: 'Still there?', timeout: 30 }, { keypress: undefined, speech: undefined, timeout: undefined }),
      ),
    );
    await network.hangup(call.sid);
    expect(await activeExecutions(flowSid)).toHaveLength(0);
    expect((await executionOf(server, flowSid)).path).toEqual(['Trigger -incomingCall-> fork', 'fork -next-> menu', 'menu -hangup-> Ended']);
  });
});

// ---------------------------------------------------------------------------------------------

describe('capture-payments', () => {
  const payFlow = (properties: Record<string, unknown>) =>
    flowOf(
      { incomingCall: 'pay' },
      widget('pay', 'capture-payments', {
        payment_connector: 'Default',
        payment_amount: '{{flow.variables.amount | default: "10.00"}}',
        currency: 'usd',
        payment_method: 'CREDIT_CARD',
        valid_card_types: ['visa', 'master-card'],
        security_code: true,
        timeout: 5,
        max_attempts: 2,
        language: 'en-US',
        ...properties,
      }, {
        success: 'paid',
        maxFailedAttempts: 'failedAttempts',
        providerError: 'declined',
        payInterrupted: 'interrupted',
        hangup: undefined,
        validationError: 'invalid',
      }),
      widget('paid', 'say-play', { say: 'Paid with {{widgets.pay.PaymentCardType}} {{widgets.pay.PaymentCardNumber}}' }, { audioComplete: undefined }),
      widget('declined', 'say-play', { say: 'Declined' }, { audioComplete: undefined }),
      widget('interrupted', 'say-play', { say: 'Interrupted' }, { audioComplete: undefined }),
      widget('failedAttempts', 'say-play', { say: 'Too many attempts' }, { audioComplete: undefined }),
      widget('invalid', 'say-play', { say: 'Invalid' }, { audioComplete: undefined }),
    );

  it('a test card succeeds; the outputs hold the masked card and the confirmation', async () => {
    const { flowSid, call } = await callFlow(payFlow({ postal_code: 'true' }));
    expect(call.waiting_for).toBe('pay');
    expect(call.events.find((event) => event.type === 'pay')).toMatchObject({ chargeAmount: '10.00', currency: 'usd' });
    await network.input(call.sid, { Digits: '4242424242424242#' });
    await network.input(call.sid, { Digits: '1299#' });
    await network.input(call.sid, { Digits: '123#' });
    const ended = await network.input(call.sid, { Digits: '94105#' });
    expect(heard(ended).at(-1)).toBe('Paid with visa xxxxxxxxxxxx4242');
    expect(findings(ended)).toEqual([]);
    const { context, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingCall-> pay', 'pay -success-> paid', 'paid -audioComplete-> Ended']);
    expect(context.widgets.pay).toMatchObject({
      Result: 'success',
      PaymentCardNumber: 'xxxxxxxxxxxx4242',
      PaymentCardType: 'visa',
      ExpirationDate: '1299',
      PaymentCardPostalCode: '94105',
      PaymentConfirmationCode: expect.stringMatching(/^ch_/),
    });
  });

  it('master-card is accepted as TwiML mastercard', async () => {
    const { flowSid, call } = await callFlow(payFlow({ postal_code: 'false', valid_card_types: ['master-card'] }));
    await network.input(call.sid, { Digits: '5555555555554444#' });
    await network.input(call.sid, { Digits: '1299#' });
    const ended = await network.input(call.sid, { Digits: '123#' });
    expect(heard(ended).at(-1)).toBe('Paid with mastercard xxxxxxxxxxxx4444');
    expect((await executionOf(server, flowSid)).context.widgets.pay.Result).toBe('success');
  });

  it('a valid card the connector declines takes providerError', async () => {
    const { flowSid, call } = await callFlow(payFlow({ postal_code: 'false' }));
    await network.input(call.sid, { Digits: '4000000000000002#' });
    await network.input(call.sid, { Digits: '1299#' });
    const ended = await network.input(call.sid, { Digits: '123#' });
    expect(heard(ended).at(-1)).toBe('Declined');
    const { context, path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingCall-> pay', 'pay -providerError-> declined', 'declined -audioComplete-> Ended']);
    expect(context.widgets.pay).toMatchObject({ Result: 'payment-connector-error', PayErrorCode: '64012' });
  });

  it('* takes payInterrupted', async () => {
    const { flowSid, call } = await callFlow(payFlow({}));
    await network.input(call.sid, { Digits: '4242*' });
    const { path } = await executionOf(server, flowSid);
    expect(path).toEqual(['Trigger -incomingCall-> pay', 'pay -payInterrupted-> interrupted', 'interrupted -audioComplete-> Ended']);
  });

  it('invalid cards up to max_attempts take maxFailedAttempts', async () => {
    const { flowSid, call } = await callFlow(payFlow({ postal_code: 'false', max_attempts: 1 }));
    await network.input(call.sid, { Digits: '1234#' });
    await network.input(call.sid, { Digits: '1299#' });
    const ended = await network.input(call.sid, { Digits: '123#' });
    expect(heard(ended).at(-1)).toBe('Too many attempts');
    expect((await executionOf(server, flowSid)).path[1]).toBe('pay -maxFailedAttempts-> failedAttempts');
  });

  it('a charge amount the connector cannot read takes validationError', async () => {
    const { flowSid, call } = await callFlow(payFlow({ postal_code: 'false', payment_amount: 'ten' }));
    await network.input(call.sid, { Digits: '4242424242424242#' });
    await network.input(call.sid, { Digits: '1299#' });
    await network.input(call.sid, { Digits: '123#' });
    expect((await executionOf(server, flowSid)).path[1]).toBe('pay -validationError-> invalid');
  });

  it('a caller hanging up during the payment takes hangup and leaves no active execution', async () => {
    const { flowSid, call } = await callFlow(payFlow({}));
    await network.input(call.sid, { Digits: '4242424242424242#' });
    await network.hangup(call.sid);
    expect(await activeExecutions(flowSid)).toHaveLength(0);
    expect((await executionOf(server, flowSid)).path).toEqual(['Trigger -incomingCall-> pay', 'pay -hangup-> Ended']);
  });
});

// ---------------------------------------------------------------------------------------------

describe("the TwiML the widgets answer with (Studio's properties mapped to TwiML's)", () => {
  /** The flow's answer to an inbound call's first request, as Twilio would send it. */
  async function firstTwiml(first: ReturnType<typeof widget>): Promise<string> {
    const { webhook } = await publish(flowOf({ incomingCall: first.name }, first));
    const params = { CallSid: 'CA' + 'e'.repeat(30) + String(nextNumber++).slice(-2), AccountSid: accountSid, From: newNumber(), To: newNumber(), CallStatus: 'ringing', Direction: 'inbound' };
    const response = await fetch(webhook, { method: 'POST', headers: signedHeaders(webhook, params), body: new URLSearchParams(params) });
    expect(response.status).toBe(200);
    return (await response.text()).replace(/http:\/\/localhost:\d+\/v1\/Accounts\/AC\w+\/Flows\/FW\w+\/Executions\/FN\w+/g, '{execution}');
  }

  it('capture-payments: ACH debit with a bank account type, connector parameters and Studio card names', async () => {
    const twiml = await firstTwiml(
      widget('pay', 'capture-payments', {
        payment_connector: 'Stripe_Connector',
        payment_amount: '0',
        currency: 'eur',
        payment_token_type: 'reusable',
        payment_method: 'ACH_DEBIT',
        bank_account_type: 'CONSUMER_CHECKING',
        timeout: 7,
        max_attempts: 3,
        security_code: false,
        postal_code: '94105',
        min_postal_code_length: 5,
        valid_card_types: ['visa', 'master-card', 'amex'],
        language: 'en-GB',
        description: 'Deposit',
        parameters: [{ key: 'customer', value: 'cus_1' }],
      }),
    );
    expect(twiml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Pay action="{execution}/Widgets/pay/Callback" paymentConnector="Stripe_Connector" chargeAmount="0" currency="eur" tokenType="reusable" ' +
        'paymentMethod="ach-debit" bankAccountType="consumer-checking" timeout="7" maxAttempts="3" securityCode="false" postalCode="94105" minPostalCodeLength="5" ' +
        'validCardTypes="visa mastercard amex" language="en-GB" description="Deposit"><Parameter name="customer" value="cus_1"/></Pay></Response>',
    );
  });

  it('fork-stream: stop by name, and a SIPREC fork', async () => {
    expect(await firstTwiml(widget('stop', 'fork-stream', { stream_action: 'stop', stream_name: 'monitor' }, { next: undefined }))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Stop><Stream name="monitor"/></Stop><Redirect>{execution}/Widgets/stop/Callback</Redirect></Response>',
    );
    expect(
      await firstTwiml(
        widget('siprec', 'fork-stream', {
          stream_action: 'start', stream_transport_type: 'siprec', stream_connector: 'SipRec1', stream_name: 'rec', stream_track: 'inbound_track',
          stream_parameters: [{ key: 'agent', value: 'a1' }],
        }, { next: undefined }),
      ),
    ).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Start><Siprec connectorName="SipRec1" name="rec" track="inbound_track"><Parameter name="agent" value="a1"/></Siprec></Start>' +
        '<Redirect>{execution}/Widgets/siprec/Callback</Redirect></Response>',
    );
  });

  it('add-twiml-redirect: <Redirect method> to the URL', async () => {
    expect(await firstTwiml(widget('away', 'add-twiml-redirect', { url: 'https://example.com/twiml?x=1', method: 'GET' }, { return: undefined }))).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Redirect method="GET">https://example.com/twiml?x=1</Redirect></Response>',
    );
  });
});

// ---------------------------------------------------------------------------------------------

describe('widgets Switchboard cannot run', () => {
  it.each([
    ['connect-virtual-agent', { connector: 'dialogflow' }, /Dialogflow virtual agents are not emulated/],
    ['connect-virtual-agent-v2', { channel: 'voice', connector_name: 'cx' }, /Dialogflow virtual agents are not emulated/],
    ['send-to-auto-pilot', { autopilot_assistant_sid: 'UA' + '0'.repeat(32) }, /Autopilot/],
  ])('%s ends the execution with 89001 saying why', async (type, properties, reason) => {
    const { flowSid, call } = await callFlow(flowOf({ incomingCall: 'agent' }, widget('agent', type, properties, {})));
    expect(call.status).toBe('completed');
    const { execution, error } = await executionOf(server, flowSid);
    expect(execution.status).toBe('ended');
    expect(error?.code).toBe(89001);
    expect(error?.message).toMatch(reason);
    expect(error?.message).toContain('cannot run');
  });
});
