import { decodeJwt, SignJWT } from 'jose';
import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { verifyClientToken, type TokenKeys } from './client-token.ts';

const { AccessToken, ClientCapability } = twilio.jwt;
const { VoiceGrant, ChatGrant } = AccessToken;

const account = 'AC' + 'a'.repeat(32);
const otherAccount = 'AC' + 'b'.repeat(32);
const authToken = 'c'.repeat(32);
const keySid = 'SK' + 'd'.repeat(32);
const secret = 'e'.repeat(32);
const otherAccountKey = 'SK' + 'f'.repeat(32);
const application = 'AP' + '1'.repeat(32);

const keys: TokenKeys = {
  async apiKey(sid) {
    if (sid === keySid) return { accountSid: account, secret };
    if (sid === otherAccountKey) return { accountSid: otherAccount, secret };
    return undefined;
  },
  async authToken(sid) {
    return sid === account ? authToken : undefined;
  },
};

// The official package reads Date.now(); its tokens are checked at the same moment.
const verify = (token: string, at = Date.now()) => verifyClientToken(token, keys, at);
const nowSeconds = () => Math.floor(Date.now() / 1000);

type Grant = Parameters<InstanceType<typeof AccessToken>['addGrant']>[0];
type TokenOptions = { identity?: string; ttl?: number; nbf?: number; keySid?: string; secret?: string; accountSid?: string };
const fullVoiceGrant = () => new VoiceGrant({ incomingAllow: true, outgoingApplicationSid: application, outgoingApplicationParams: { mood: 'happy', count: 2 } });

function accessToken(options: TokenOptions = {}, grant: Grant = fullVoiceGrant()) {
  const token = new AccessToken(options.accountSid ?? account, options.keySid ?? keySid, options.secret ?? secret, { identity: options.identity ?? 'alice', ttl: options.ttl, nbf: options.nbf });
  token.addGrant(grant);
  return token;
}

/** A token built by hand, for what the official package refuses to make. */
function handMade(payload: Record<string, unknown>, header: Record<string, unknown> = { alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' }, key = secret) {
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(new TextEncoder().encode(key));
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('verifyClientToken with Access Tokens', () => {
  it('reads the voice grant of a token made by the official package', async () => {
    expect(await verify(accessToken().toJwt())).toEqual({
      accountSid: account,
      identity: 'alice',
      incomingAllow: true,
      outgoingApplicationSid: application,
      outgoingParams: { mood: 'happy', count: '2' },
    });
  });

  it('accepts HS384 and HS512, and a grant without incoming or outgoing', async () => {
    for (const algorithm of ['HS384', 'HS512'] as const) {
      expect(await verify(accessToken().toJwt(algorithm))).toMatchObject({ identity: 'alice', outgoingApplicationSid: application });
    }
    expect(await verify(accessToken({ identity: 'bob' }, new VoiceGrant({ outgoingApplicationSid: application })).toJwt())).toEqual({
      accountSid: account, identity: 'bob', incomingAllow: false, outgoingApplicationSid: application, outgoingParams: {},
    });
    expect(await verify(accessToken({}, new VoiceGrant({ incomingAllow: true })).toJwt())).toEqual({
      accountSid: account, identity: 'alice', incomingAllow: true, outgoingParams: {},
    });
  });

  it('holds from nbf until just before exp', async () => {
    const token = accessToken({ ttl: 60, nbf: nowSeconds() + 10 }).toJwt();
    const { nbf, exp } = decodeJwt(token) as { nbf: number; exp: number };
    await expect(verify(token, nbf * 1000 - 1)).rejects.toMatchObject({ code: 20105, status: 401, message: expect.stringMatching(/^Access Token not yet valid/) });
    await expect(verify(token, nbf * 1000)).resolves.toMatchObject({ identity: 'alice' });
    await expect(verify(token, exp * 1000 - 1)).resolves.toMatchObject({ identity: 'alice' });
    await expect(verify(token, exp * 1000)).rejects.toMatchObject({ code: 20104, message: 'Access Token expired or expiration date invalid' });
  });

  it('refuses a token that lives longer than a day', async () => {
    await expect(verify(accessToken({ ttl: 86400 }).toJwt())).resolves.toMatchObject({ identity: 'alice' });
    await expect(verify(accessToken({ ttl: 86401 }).toJwt())).rejects.toMatchObject({ code: 20157, message: expect.stringMatching(/^Access Token expiration exceeds maximum allowed/) });
  });

  it('refuses a forged signature, an unknown key, and a key of another account', async () => {
    await expect(verify(accessToken({ secret: 'x'.repeat(32) }).toJwt())).rejects.toMatchObject({ code: 20107, message: 'Invalid Access Token signature' });
    const [header, , signature] = accessToken().toJwt().split('.');
    const forged = `${header}.${base64url({ jti: 'x', iss: keySid, sub: account, exp: nowSeconds() + 60, grants: { identity: 'mallory', voice: {} } })}.${signature}`;
    await expect(verify(forged)).rejects.toMatchObject({ code: 20107 });

    await expect(verify(accessToken({ keySid: 'SK' + '0'.repeat(32) }).toJwt())).rejects.toMatchObject({ code: 20103, message: expect.stringMatching(/^Invalid Access Token issuer\/subject/) });
    await expect(verify(accessToken({ keySid: otherAccountKey }).toJwt())).rejects.toMatchObject({ code: 20103 });
    await expect(verify(accessToken({ accountSid: otherAccount }).toJwt())).rejects.toMatchObject({ code: 20103 });
  });

  it('refuses grants without an identity or a voice grant', async () => {
    const exp = nowSeconds() + 60;
    await expect(verify(await handMade({ iss: keySid, sub: account, exp, grants: { voice: { incoming: { allow: true } } } }))).rejects.toMatchObject({ code: 20106, message: expect.stringMatching(/^Invalid Access Token grants/) });
    await expect(verify(await handMade({ iss: keySid, sub: account, exp }))).rejects.toMatchObject({ code: 20106 });
    await expect(verify(accessToken({}, new ChatGrant({ serviceSid: 'IS' + '0'.repeat(32) })).toJwt())).rejects.toMatchObject({ code: 20106 });
    await expect(verify(await handMade({ iss: keySid, sub: account, exp, grants: { identity: 'a', voice: { outgoing: { application_sid: 7 } } } }))).rejects.toMatchObject({ code: 20106 });
  });

  it('refuses a token without exp or with a bad one', async () => {
    const grants = { identity: 'alice', voice: {} };
    await expect(verify(await handMade({ iss: keySid, sub: account, grants }))).rejects.toMatchObject({ code: 20104 });
    await expect(verify(await handMade({ iss: keySid, sub: account, grants, exp: 'tomorrow' }))).rejects.toMatchObject({ code: 20104 });
    await expect(verify(await handMade({ iss: keySid, sub: account, grants, exp: nowSeconds() + 60, nbf: 'now' }))).rejects.toMatchObject({ code: 20105 });
  });

  it('refuses garbage, alg none, and headers that are not a Twilio JWT', async () => {
    for (const garbage of ['', 'garbage', 'a.b.c', '...', 'x'.repeat(10_000), `${base64url({ alg: 'HS256', cty: 'twilio-fpa;v=1' })}.bm90IGpzb24.c2ln`]) {
      await expect(verify(garbage), garbage.slice(0, 40)).rejects.toMatchObject({ code: 20101, message: expect.stringMatching(/^Invalid Access Token/) });
    }
    const payload = base64url({ iss: keySid, sub: account, exp: nowSeconds() + 60, grants: { identity: 'alice', voice: {} } });
    await expect(verify(`${base64url({ alg: 'none', typ: 'JWT', cty: 'twilio-fpa;v=1' })}.${payload}.`)).rejects.toMatchObject({ code: 20102, message: expect.stringMatching(/^Invalid Access Token header/) });
    await expect(verify(`${base64url({ alg: 'none', typ: 'JWT' })}.${payload}.`)).rejects.toMatchObject({ code: 20102 });
    await expect(verify(`${base64url({ typ: 'JWT' })}.${payload}.`)).rejects.toMatchObject({ code: 20102 });
    await expect(verify(await handMade({ iss: keySid, sub: account }, { alg: 'HS256', cty: 'other' }))).rejects.toMatchObject({ code: 20102 });
    await expect(verify(await handMade({ iss: keySid, sub: account }, { alg: 'HS256', typ: 7, cty: 'twilio-fpa;v=1' }))).rejects.toMatchObject({ code: 20102 });
  });
});

describe('verifyClientToken with legacy Capability Tokens', () => {
  const capability = (scopes: unknown[], options: { authToken?: string; accountSid?: string; ttl?: number } = {}) => {
    const token = new ClientCapability({ accountSid: options.accountSid ?? account, authToken: options.authToken ?? authToken, ttl: options.ttl });
    for (const scope of scopes) token.addScope(scope as InstanceType<typeof ClientCapability.IncomingClientScope>);
    return token.toJwt();
  };

  it('reads incoming and outgoing scopes made by the official package', async () => {
    const token = capability([
      new ClientCapability.IncomingClientScope('alice smith'),
      new ClientCapability.OutgoingClientScope({ applicationSid: application, clientName: 'alice smith', params: { foo: 'bar & baz', n: '1' } }),
    ]);
    expect(await verify(token)).toEqual({
      accountSid: account,
      identity: 'alice smith',
      incomingAllow: true,
      outgoingApplicationSid: application,
      outgoingParams: { foo: 'bar & baz', n: '1' },
    });
  });

  it('takes the identity from the outgoing scope when there is no incoming one', async () => {
    const token = capability([new ClientCapability.OutgoingClientScope({ applicationSid: application, clientName: 'bob' })]);
    expect(await verify(token)).toEqual({ accountSid: account, identity: 'bob', incomingAllow: false, outgoingApplicationSid: application, outgoingParams: {} });
  });

  it('refuses a token with no client name, a wrong auth token, an unknown account, or an expired one', async () => {
    await expect(verify(capability([new ClientCapability.OutgoingClientScope({ applicationSid: application })]))).rejects.toMatchObject({ code: 20106 });
    await expect(verify(capability([new ClientCapability.EventStreamScope()]))).rejects.toMatchObject({ code: 20106 });
    await expect(verify(capability([new ClientCapability.IncomingClientScope('alice')], { authToken: 'x'.repeat(32) }))).rejects.toMatchObject({ code: 20107 });
    await expect(verify(capability([new ClientCapability.IncomingClientScope('alice')], { accountSid: otherAccount }))).rejects.toMatchObject({ code: 20103 });
    await expect(verify(capability([new ClientCapability.IncomingClientScope('alice')], { ttl: 60 }), Date.now() + 120_000)).rejects.toMatchObject({ code: 20104 });
    // 90,000 s, not 86,401: the package reads the clock once for exp and again for iat.
    await expect(verify(capability([new ClientCapability.IncomingClientScope('alice')], { ttl: 90_000 }))).rejects.toMatchObject({ code: 20157 });
    await expect(verify(await handMade({ iss: account, exp: nowSeconds() + 60, scope: 'scope:client:incoming?clientName=a' }, { alg: 'HS512', typ: 'JWT' }, authToken))).rejects.toMatchObject({ code: 20102 });
    await expect(verify(await handMade({ iss: account, exp: nowSeconds() + 60 }, { alg: 'HS256', typ: 'JWT' }, authToken))).rejects.toMatchObject({ code: 20106 });
  });
});
