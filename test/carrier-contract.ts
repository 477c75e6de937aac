import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallCarrier, Carrier } from '../src/carrier/carrier.ts';
import { SwitchboardError } from '../src/errors.ts';
import type { RunningServer } from '../src/server/server.ts';
import type { CallRecord } from '../src/store/records.ts';
import { childProcessTimeout } from './support/child-process.ts';
import { farSide } from './support/far-side.ts';
import { accountSid, api } from './support/test-server.ts';
import { buyNumber, emulator, heard } from './support/voice-harness.ts';

/** A carrier to hold to the contract, and the emulated network its messages and calls reach. */
export interface CarrierUnderTest {
  messages: Carrier;
  calls: CallCarrier;
  /** The Switchboard (in this process or another) whose emulator holds the account's numbers and the handsets. */
  network: Pick<RunningServer, 'url'>;
  close(): Promise<void>;
}

/**
 * What flows rely on from a carrier (Hono's `runTest` pattern): every carrier runs this suite.
 * The account is the test account; its number is bought on `network` first. The suite reaches
 * the network only over HTTP and waits on what the carrier and the far side hear, so that the
 * network may be another process.
 */
export function carrierContract(name: string, start: () => Promise<CarrierUnderTest>): void {
  describe(`carrier contract: ${name}`, () => {
    const from = '+15550940001';
    let subject: CarrierUnderTest;
    let twiml: Awaited<ReturnType<typeof farSide>>;
    const statuses: string[] = [];
    const ended: CallRecord[] = [];

    // Each status, end and far-side request re-checks what the tests wait for; vitest's timeout bounds the wait.
    const checks = new Set<() => void>();
    const heardSomething = () => checks.forEach((check) => check());
    const until = (condition: () => boolean) =>
      new Promise<void>((resolve) => {
        const check = () => {
          if (!condition()) return;
          checks.delete(check);
          resolve();
        };
        checks.add(check);
        check();
      });
    const untilEnded = (sid: string) => until(() => ended.some((call) => call.sid === sid));
    /** The call asked the far side for /held: it has heard "Please hold" and waits out the Pause. */
    const untilHolding = (sid: string) => until(() => twiml.requests.some((request) => request.url === '/held' && new URLSearchParams(request.body).get('CallSid') === sid));

    // A subject may start a Switchboard process, which takes far longer than vitest's hook timeout.
    beforeAll(async () => {
      subject = await start();
      await buyNumber(subject.network, from);
      twiml = await farSide((request, response) => {
        const documents: Record<string, string> = {
          '/hello': '<Response><Say>Hello from the contract</Say></Response>',
          '/hold': '<Response><Say>Please hold</Say><Redirect>/held</Redirect></Response>',
          '/held': '<Response><Pause length="3600"/></Response>',
        };
        response.writeHead(200, { 'content-type': 'text/xml' }).end(documents[request.url.split('?')[0]] ?? '<Response/>');
        heardSomething();
      });
      subject.messages.onMessageStatus((message) => {
        statuses.push(`${message.sid} ${message.status}`);
        heardSomething();
      });
      subject.calls.onCallEnded((call) => {
        ended.push(call);
        heardSomething();
      });
    }, childProcessTimeout);
    afterAll(async () => {
      await subject?.close();
      await twiml?.close();
    });

    const call = (to: string, path: string) =>
      subject.calls.placeCall(accountSid, { to, from, url: `${twiml.url}${path}`, statusCallback: `${twiml.url}/status`, timeout: 30, record: false });

    it('accepts a message, answers with its record, and reports it sent and then delivered', async () => {
      const message = await subject.messages.sendMessage({ accountSid, from, to: '+15550940101', body: 'Hello there', mediaUrls: [] });
      expect(message).toMatchObject({ accountSid, from, to: '+15550940101', body: 'Hello there', direction: 'outbound-api', numSegments: 1, errorCode: null });
      expect(message.sid).toMatch(/^SM[0-9a-f]{32}$/);
      expect(['queued', 'accepted']).toContain(message.status);
      await until(() => statuses.includes(`${message.sid} delivered`));
      expect(statuses.filter((status) => status.startsWith(message.sid))).toEqual([`${message.sid} sent`, `${message.sid} delivered`]);
      const inbox = (await api(subject.network, 'GET', '/emulator/v1/Handsets/+15550940101/Messages')).body.messages;
      expect(inbox.map((text: { body: string }) => text.body)).toEqual(['Hello there']);
    });

    it.each([
      ['a number the account does not have', { from: '+15550949999', to: '+15550940101', body: 'x' }, 21606],
      ['no body', { from, to: '+15550940101', body: '' }, 21602],
      ['a To that is no phone number', { from, to: 'nobody', body: 'x' }, 21211],
    ])('refuses to send from %s with a SwitchboardError carrying the code', async (_case, fields, code) => {
      const refused = subject.messages.sendMessage({ accountSid, mediaUrls: [], ...fields });
      await expect(refused).rejects.toBeInstanceOf(SwitchboardError);
      await expect(refused).rejects.toMatchObject({ code });
    });

    it('places a call that runs its TwiML, and reports its end', async () => {
      const placed = await call('+15550940102', '/hello');
      expect(placed).toMatchObject({ accountSid, from, to: '+15550940102', direction: 'outbound-api' });
      expect(placed.sid).toMatch(/^CA[0-9a-f]{32}$/);
      await untilEnded(placed.sid);
      expect(heard(await emulator(subject.network).fetchCall(placed.sid))).toEqual(['Hello from the contract']);
      expect(ended.find((call) => call.sid === placed.sid)).toMatchObject({ status: 'completed', from, to: '+15550940102' });
    });

    it('refuses a call from a number the account does not have with a SwitchboardError', async () => {
      const refused = subject.calls.placeCall(accountSid, { to: '+15550940102', from: '+15550949999', url: `${twiml.url}/hello`, statusCallback: `${twiml.url}/status`, timeout: 30, record: false });
      await expect(refused).rejects.toBeInstanceOf(SwitchboardError);
      await expect(refused).rejects.toMatchObject({ code: 21212 });
    });

    it('starts and stops recording a live call, and refuses to stop a recording that is not there', async () => {
      const placed = await call('+15550940104', '/hold');
      await untilHolding(placed.sid);
      const started = await subject.calls.recordCall(accountSid, { callSid: placed.sid, record: true });
      expect(started).toMatchObject({ accountSid, callSid: placed.sid, status: 'in-progress', source: 'OutboundAPI' });
      expect(started.sid).toMatch(/^RE[0-9a-f]{32}$/);
      const stopped = await subject.calls.recordCall(accountSid, { callSid: placed.sid, record: false });
      expect(stopped).toMatchObject({ sid: started.sid, callSid: placed.sid, status: 'completed' });
      await expect(subject.calls.recordCall(accountSid, { callSid: placed.sid, record: false })).rejects.toBeInstanceOf(SwitchboardError);
      await subject.calls.redirectCall(accountSid, placed.sid, '<Response><Hangup/></Response>');
      await untilEnded(placed.sid);
    });

    it('redirects a live call to new TwiML, and refuses to redirect it once it has ended', async () => {
      const placed = await call('+15550940103', '/hold');
      await untilHolding(placed.sid);
      expect(heard(await emulator(subject.network).fetchCall(placed.sid))).toEqual(['Please hold']);
      await subject.calls.redirectCall(accountSid, placed.sid, '<Response><Say>Thanks for holding</Say></Response>');
      await untilEnded(placed.sid);
      const after = await emulator(subject.network).fetchCall(placed.sid);
      expect(heard(after)).toEqual(['Please hold', 'Thanks for holding']);
      expect(after.status).toBe('completed');
      await expect(subject.calls.redirectCall(accountSid, placed.sid, '<Response/>')).rejects.toBeInstanceOf(SwitchboardError);
    });
  });
}
