import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../src/server/server.ts';
import { accountSid, api, testServer } from './support/test-server.ts';

let server: RunningServer;
beforeAll(async () => {
  server = await testServer();
});
afterAll(() => server.close());

const echo = '<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hi {{From}}, you said: {{Body}}{{#Name}} ({{Name}}){{/Name}}</Message></Response>';

describe('TwiML Bins', () => {
  it('are created, listed, fetched, updated and deleted', async () => {
    const created = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'Echo', Twiml: echo });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      sid: expect.stringMatching(/^EH[0-9a-f]{32}$/),
      account_sid: accountSid,
      friendly_name: 'Echo',
      twiml: echo,
      url: `${server.url}/twiml/${created.body.sid}`,
      date_created: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      date_updated: expect.stringMatching(/Z$/),
    });
    const listed = await api(server, 'GET', '/emulator/v1/TwimlBins');
    expect(listed.body.twiml_bins.map((bin: { sid: string }) => bin.sid)).toContain(created.body.sid);
    expect(listed.body.meta.key).toBe('twiml_bins');
    const updated = await api(server, 'POST', `/emulator/v1/TwimlBins/${created.body.sid}`, { FriendlyName: 'Renamed' });
    expect(updated.body).toMatchObject({ friendly_name: 'Renamed', twiml: echo });
    expect((await api(server, 'GET', `/emulator/v1/TwimlBins/${created.body.sid}`)).body.friendly_name).toBe('Renamed');
    expect((await api(server, 'DELETE', `/emulator/v1/TwimlBins/${created.body.sid}`)).status).toBe(204);
    expect(await api(server, 'GET', `/emulator/v1/TwimlBins/${created.body.sid}`)).toMatchObject({ status: 404, body: { code: 20404 } });
  });

  it('answer a number\'s messages with the rendered template, query parameters included', async () => {
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'Echo', Twiml: echo });
    await api(server, 'POST', `/2010-04-01/Accounts/${accountSid}/IncomingPhoneNumbers.json`, { PhoneNumber: '+15550700000', SmsUrl: `${bin.body.url}?Name=Ada` });
    await api(server, 'POST', '/emulator/v1/Handsets/+15550700001/Messages', { To: '+15550700000', Body: 'fish & chips' });
    await server.context.network.idle();
    const inbox = (await api(server, 'GET', '/emulator/v1/Handsets/+15550700001/Messages')).body.messages;
    expect(inbox.map((message: { body: string }) => message.body)).toEqual(['fish & chips', 'Hi +15550700001, you said: fish & chips (Ada)']);
  });

  it('refuse requests to the Bin URL that the account did not sign', async () => {
    const bin = await api(server, 'POST', '/emulator/v1/TwimlBins', { FriendlyName: 'Echo', Twiml: echo });
    const response = await fetch(bin.body.url, { method: 'POST', body: new URLSearchParams({ From: '+1', Body: 'x' }) });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ code: 89006 });
  });

  it.each([
    ['no FriendlyName', { Twiml: echo }, 'FriendlyName'],
    ['no Twiml', { FriendlyName: 'x' }, 'Twiml'],
    ['an unclosed section', { FriendlyName: 'x', Twiml: '<Response>{{#Digits}}</Response>' }, 'Twiml is not a valid template'],
    ['XML that does not parse', { FriendlyName: 'x', Twiml: '<Response><Say>' }, 'Twiml is not valid TwiML'],
    ['a root that is not Response', { FriendlyName: 'x', Twiml: '<Say>hi</Say>' }, 'Twiml is not valid TwiML'],
  ])('refuse %s with 400 naming the problem', async (_label, form, expected) => {
    const response = await api(server, 'POST', '/emulator/v1/TwimlBins', form);
    expect(response).toMatchObject({ status: 400, body: { code: 20001, message: expect.stringContaining(expected) } });
  });

  it('answer 404 for unknown Bins and 401 without credentials', async () => {
    expect((await fetch(`${server.url}/twiml/EH${'0'.repeat(32)}`)).status).toBe(404);
    expect((await api(server, 'GET', '/emulator/v1/TwimlBins', undefined, `${accountSid}:wrong`)).status).toBe(401);
    expect((await api(server, 'POST', `/emulator/v1/TwimlBins/EH${'0'.repeat(32)}`, { FriendlyName: 'x' })).status).toBe(404);
  });
});
