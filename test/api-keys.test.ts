import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyClientToken, type TokenKeys } from '../src/carrier/tokens/client-token.ts';
import type { RunningServer } from '../src/server/server.ts';
import { accountSid, api, testServer } from './support/test-server.ts';
import { twilioClient } from './support/twilio-client.ts';

let server: RunningServer;
let client: twilio.Twilio;
let keys: TokenKeys;

beforeAll(async () => {
  server = await testServer();
  client = twilioClient(server);
  const { store } = server.context;
  keys = { apiKey: (sid) => store.getApiKey(sid), authToken: async (sid) => (await store.getAccount(sid))?.authToken };
});
afterAll(() => server.close());

const accountPath = `/2010-04-01/Accounts/${accountSid}`;
const unknownKey = 'SK' + '0'.repeat(32);

describe('API keys through the official twilio package', () => {
  it('creates a key with a secret, lists, fetches, renames and removes it', async () => {
    const created = await client.newKeys.create({ friendlyName: 'CI' });
    expect(created.sid).toMatch(/^SK[0-9a-f]{32}$/);
    expect(created.secret).toMatch(/^[0-9a-f]{32}$/);
    expect(created).toMatchObject({ friendlyName: 'CI' });
    expect(created.dateCreated).toBeInstanceOf(Date);

    expect((await client.keys.list()).map((key) => [key.sid, key.friendlyName])).toContainEqual([created.sid, 'CI']);
    const fetched = await client.keys(created.sid).fetch();
    expect(fetched).toMatchObject({ sid: created.sid, friendlyName: 'CI' });
    const raw = await api(server, 'GET', `${accountPath}/Keys/${created.sid}.json`);
    expect(Object.keys(raw.body).sort()).toEqual(['date_created', 'date_updated', 'friendly_name', 'sid']);
    const listed = await api(server, 'GET', `${accountPath}/Keys.json?PageSize=1`);
    expect(listed.body).toMatchObject({ page: 0, page_size: 1, start: 0, uri: `${accountPath}/Keys.json?PageSize=1&Page=0` });
    expect(listed.body.keys[0]).not.toHaveProperty('secret');

    expect(await client.keys(created.sid).update({ friendlyName: 'renamed' })).toMatchObject({ sid: created.sid, friendlyName: 'renamed' });
    expect((await client.keys(created.sid).fetch()).friendlyName).toBe('renamed');
    expect(await client.keys(created.sid).remove()).toBe(true);
    await expect(client.keys(created.sid).fetch()).rejects.toMatchObject({ status: 404, code: 20404 });
  });

  it('lets a key stand in for the auth token, until it is removed', async () => {
    const key = await client.newKeys.create({ friendlyName: 'app server' });
    const keyed = twilioClient(server, key.sid, key.secret, { accountSid });
    await client.incomingPhoneNumbers.create({ phoneNumber: '+15550031000' });
    const sent = await keyed.messages.create({ from: '+15550031000', to: '+15550032000', body: 'by key' });
    expect((await keyed.messages.list({ from: '+15550031000' })).map((message) => message.sid)).toEqual([sent.sid]);

    // As on Twilio, a standard key can use every API but the one that manages keys.
    await expect(keyed.keys.list()).rejects.toMatchObject({ status: 401, code: 20003 });
    await expect(keyed.newKeys.create({ friendlyName: 'another' })).rejects.toMatchObject({ status: 401, code: 20003 });
    await expect(twilioClient(server, key.sid, 'wrong', { accountSid }).messages.list()).rejects.toMatchObject({ status: 401, code: 20003 });

    await client.keys(key.sid).remove();
    await expect(keyed.messages.list()).rejects.toMatchObject({ status: 401, code: 20003 });
    const refused = await api(server, 'GET', `${accountPath}/Messages.json`, undefined, `${key.sid}:${key.secret}`);
    expect(refused).toMatchObject({ status: 401, body: { code: 20003, message: 'Authenticate', status: 401 } });
  });
});

describe('the token helper', () => {
  it("mints an Access Token on the server's clock that verifyClientToken accepts", async () => {
    const application = await client.applications.create({ friendlyName: 'Softphone', voiceUrl: 'https://example.com/voice' });
    const issued = await api(server, 'POST', '/emulator/v1/Tokens', { Identity: 'alice', OutgoingApplicationSid: application.sid });
    expect(issued.status).toBe(201);
    const now = server.context.clock.now();
    expect(issued.body).toMatchObject({ identity: 'alice', expires_at: new Date((Math.floor(now / 1000) + 3600) * 1000).toISOString() });
    expect(issued.body.api_key_sid).toMatch(/^SK[0-9a-f]{32}$/);
    expect(await verifyClientToken(issued.body.token, keys, now)).toEqual({
      accountSid, identity: 'alice', incomingAllow: true, outgoingApplicationSid: application.sid, outgoingParams: {},
    });
    await expect(verifyClientToken(issued.body.token, keys, Date.parse(issued.body.expires_at))).rejects.toMatchObject({ code: 20104 });

    const again = await api(server, 'POST', '/emulator/v1/Tokens', { Identity: 'bob', IncomingAllow: 'false', Ttl: '60' });
    expect(again.body.api_key_sid).toBe(issued.body.api_key_sid);
    expect(await verifyClientToken(again.body.token, keys, now)).toEqual({ accountSid, identity: 'bob', incomingAllow: false, outgoingParams: {} });
    expect((await client.keys(issued.body.api_key_sid).fetch()).friendlyName).toBe('Switchboard token helper');
  });

  it('follows the virtual clock', async () => {
    expect((await api(server, 'POST', '/emulator/v1/Clock', { Advance: '86400' })).status).toBe(200);
    const { body } = await api(server, 'POST', '/emulator/v1/Tokens', { Identity: 'carol', Ttl: '86400' });
    const now = server.context.clock.now();
    expect(Date.parse(body.expires_at)).toBe((Math.floor(now / 1000) + 86400) * 1000);
    expect(await verifyClientToken(body.token, keys, now)).toMatchObject({ identity: 'carol' });
  });

  it('takes an API key as credentials', async () => {
    const key = await client.newKeys.create({ friendlyName: 'minting' });
    const issued = await api(server, 'POST', '/emulator/v1/Tokens', { Identity: 'dave' }, `${key.sid}:${key.secret}`);
    expect(issued.status).toBe(201);
    expect(await verifyClientToken(issued.body.token, keys, server.context.clock.now())).toMatchObject({ accountSid, identity: 'dave' });
  });
});

describe('garbage to the key and token routes', () => {
  const cases: Array<[what: string, method: string, path: string, form: Record<string, string | string[]> | undefined, status: number, code: number]> = [
    ['fetch an unknown key', 'GET', `${accountPath}/Keys/${unknownKey}.json`, undefined, 404, 20404],
    ['update an unknown key', 'POST', `${accountPath}/Keys/${unknownKey}.json`, { FriendlyName: 'x' }, 404, 20404],
    ['remove an unknown key', 'DELETE', `${accountPath}/Keys/${unknownKey}.json`, undefined, 404, 20404],
    ['a malformed key SID', 'GET', `${accountPath}/Keys/SK123.json`, undefined, 404, 20404],
    ['a key SID of nonsense', 'DELETE', `${accountPath}/Keys/%E2%98%83%00.json`, undefined, 404, 20404],
    ['an over-long key SID', 'GET', `${accountPath}/Keys/${'SK'.repeat(400)}.json`, undefined, 404, 20404],
    ['keys of another account', 'GET', `/2010-04-01/Accounts/AC${'2'.repeat(32)}/Keys.json`, undefined, 404, 20404],
    ['a malformed account SID', 'POST', '/2010-04-01/Accounts/nonsense/Keys.json', { FriendlyName: 'x' }, 404, 20404],
    ['a FriendlyName over 64 characters', 'POST', `${accountPath}/Keys.json`, { FriendlyName: 'x'.repeat(65) }, 400, 20001],
    ['FriendlyName twice', 'POST', `${accountPath}/Keys.json`, { FriendlyName: ['a', 'b'] }, 400, 20001],
    ['PageSize=abc', 'GET', `${accountPath}/Keys.json?PageSize=abc`, undefined, 400, 20001],
    ['PageToken of nonsense', 'GET', `${accountPath}/Keys.json?PageToken=nonsense`, undefined, 400, 20001],
    ['no Identity', 'POST', '/emulator/v1/Tokens', {}, 400, 20001],
    ['an empty Identity', 'POST', '/emulator/v1/Tokens', { Identity: '' }, 400, 20001],
    ['Identity twice', 'POST', '/emulator/v1/Tokens', { Identity: ['a', 'b'] }, 400, 20001],
    ['Ttl=abc', 'POST', '/emulator/v1/Tokens', { Identity: 'a', Ttl: 'abc' }, 400, 20001],
    ['Ttl=999999', 'POST', '/emulator/v1/Tokens', { Identity: 'a', Ttl: '999999' }, 400, 20001],
    ['Ttl=0', 'POST', '/emulator/v1/Tokens', { Identity: 'a', Ttl: '0' }, 400, 20001],
    ['Ttl=-5', 'POST', '/emulator/v1/Tokens', { Identity: 'a', Ttl: '-5' }, 400, 20001],
    ['Ttl=1.5', 'POST', '/emulator/v1/Tokens', { Identity: 'a', Ttl: '1.5' }, 400, 20001],
    ['Ttl of many digits', 'POST', '/emulator/v1/Tokens', { Identity: 'a', Ttl: '9'.repeat(400) }, 400, 20001],
    ['IncomingAllow=maybe', 'POST', '/emulator/v1/Tokens', { Identity: 'a', IncomingAllow: 'maybe' }, 400, 20001],
    ['a malformed OutgoingApplicationSid', 'POST', '/emulator/v1/Tokens', { Identity: 'a', OutgoingApplicationSid: 'AP123' }, 400, 20001],
    ['an unknown OutgoingApplicationSid', 'POST', '/emulator/v1/Tokens', { Identity: 'a', OutgoingApplicationSid: 'AP' + '0'.repeat(32) }, 400, 20001],
  ];

  it.each(cases)('%s gets a Twilio error', async (_what, method, path, form, status, code) => {
    const answer = await api(server, method, path, form);
    expect(answer.status).toBe(status);
    expect(answer.body).toEqual({ code, message: expect.any(String), more_info: `https://www.twilio.com/docs/errors/${code}`, status });
  });

  it.each([
    ['no credentials', ''],
    ['an unknown key', `${unknownKey}:secret`],
    ['a key without a secret', `${unknownKey}`],
    ['garbage', '\u0000\u00ff:'],
  ])('%s gets 401 20003 from every route', async (_what, credentials) => {
    for (const [method, path] of [['POST', `${accountPath}/Keys.json`], ['GET', `${accountPath}/Keys.json`], ['GET', `${accountPath}/Keys/${unknownKey}.json`], ['POST', '/emulator/v1/Tokens']]) {
      const answer = await api(server, method, path, method === 'POST' ? { Identity: 'a' } : undefined, credentials);
      expect(answer, `${method} ${path}`).toMatchObject({ status: 401, body: { code: 20003, status: 401 } });
    }
  });

  it('a JSON body that is not JSON gets 400', async () => {
    const response = await fetch(`${server.url}/emulator/v1/Tokens`, {
      method: 'POST',
      headers: { authorization: `Basic ${Buffer.from(`${accountSid}:${'f'.repeat(32)}`).toString('base64')}`, 'content-type': 'application/json' },
      body: '{"Identity":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ code: 20001, status: 400 });
  });
});
