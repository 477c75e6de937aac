import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { accountSid, api, testServer } from './support/test-server.ts';
import { twilioClient } from './support/twilio-client.ts';

/** The 2010 Queues API, through the official package, over the queues callers wait in. */
let server: RunningServer;

beforeAll(async () => {
  server = await testServer();
  const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'hold', Twiml: '<Response><Enqueue>support</Enqueue></Response>' });
  await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: '+15550800000', VoiceUrl: bin.body.url });
});
afterAll(() => server.close());

describe('Queues', () => {
  it('lists the queue callers wait in, with its members, their positions and waits', async () => {
    const first = (await api(server, 'POST', '/emulator/v1/Handsets/+15550810001/Calls', { To: '+15550800000' })).body;
    await api(server, 'POST', '/emulator/v1/Clock', { Advance: '20' });
    const second = (await api(server, 'POST', '/emulator/v1/Handsets/+15550810002/Calls', { To: '+15550800000' })).body;
    const client = twilioClient(server);
    const queues = await client.queues.list();
    expect(queues).toHaveLength(1);
    expect(queues[0]).toMatchObject({ friendlyName: 'support', currentSize: 2, maxSize: 100, accountSid });
    expect((await client.queues(queues[0].sid).fetch()).friendlyName).toBe('support');
    const members = await client.queues(queues[0].sid).members.list();
    expect(members.map((member) => [member.callSid, member.position, member.waitTime])).toEqual([[first.sid, 1, 20], [second.sid, 2, 0]]);
    await api(server, 'POST', `/emulator/v1/Calls/${first.sid}/Hangup`);
    expect((await client.queues(queues[0].sid).fetch()).currentSize).toBe(1);
  });

  it('answers 404 for a queue it does not have, and refuses bad paging', async () => {
    const unknown = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Queues/QU${'0'.repeat(32)}.json`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe(20404);
    expect((await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Queues/QU${'0'.repeat(32)}/Members.json`)).status).toBe(404);
    const badPage = await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Queues.json?PageSize=0`);
    expect(badPage.status).toBe(400);
    expect((await api(server, 'GET', `/2010-04-01/Accounts/${accountSid}/Queues.json`, undefined, `${accountSid}:wrong`)).status).toBe(401);
  });
});
