import type { FastifyInstance } from 'fastify';
import { SignJWT } from 'jose';
import { SwitchboardError } from '../../errors.ts';
import type { ApiKeyRecord } from '../../store/records.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { asParams, oneOf, optionalString, requiredString, type Params } from '../params.ts';
import { createApiKey } from '../twilio/key-routes.ts';

const helperKeyName = 'Switchboard token helper';
const defaultTtl = 3600;
// Twilio refuses Access Tokens that live longer than a day (20157).
const maxTtl = 86400;
const keyPageSize = 100;

/**
 * Switchboard's token helper: an Access Token with a Voice grant, as an app server would mint with
 * the official package, so a browser client can register and call without one. Unlike the
 * package, it reads the server's clock, so tokens hold under `--clock virtual`.
 */
export function registerTokenRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, clock } = context;

  app.post('/emulator/v1/Tokens', async (request, reply) => {
    const account = await authenticate(request, store);
    const params = asParams(request.body);
    const identity = requiredString(params, 'Identity');
    const applicationSid = optionalString(params, 'OutgoingApplicationSid');
    if (applicationSid !== undefined) {
      const application = /^AP[0-9a-f]{32}$/.test(applicationSid) ? await store.getApplication(applicationSid) : undefined;
      if (application?.accountSid !== account.sid) throw new SwitchboardError('invalidParameter', `OutgoingApplicationSid ${applicationSid} is not an application of this account`);
    }
    const incomingAllow = (oneOf(params, 'IncomingAllow', ['true', 'false']) ?? 'true') === 'true';
    const ttl = ttlSeconds(params);
    const key = await helperKey(account.sid);
    const iat = Math.floor(clock.now() / 1000);
    const voice = {
      ...(incomingAllow ? { incoming: { allow: true } } : {}),
      ...(applicationSid ? { outgoing: { application_sid: applicationSid } } : {}),
    };
    const token = await new SignJWT({ jti: `${key.sid}-${iat}`, iss: key.sid, sub: account.sid, iat, exp: iat + ttl, grants: { identity, voice } })
      .setProtectedHeader({ typ: 'JWT', alg: 'HS256', cty: 'twilio-fpa;v=1' })
      .sign(new TextEncoder().encode(key.secret));
    reply.code(201);
    return { identity, token, expires_at: new Date((iat + ttl) * 1000).toISOString(), api_key_sid: key.sid };
  });

  /** The account's helper key, made on first use and reused after. */
  async function helperKey(accountSid: string): Promise<ApiKeyRecord> {
    for (let offset = 0; ; offset += keyPageSize) {
      const keys = await store.listApiKeys(accountSid, { offset, limit: keyPageSize });
      const found = keys.find((key) => key.friendlyName === helperKeyName);
      if (found) return found;
      if (keys.length < keyPageSize) return createApiKey(context, accountSid, helperKeyName);
    }
  }
}

function ttlSeconds(params: Params): number {
  const text = optionalString(params, 'Ttl');
  if (text === undefined) return defaultTtl;
  const ttl = Number(text);
  if (!/^\d+$/.test(text) || ttl < 1 || ttl > maxTtl) throw new SwitchboardError('invalidParameter', `Ttl must be a whole number of seconds from 1 to ${maxTtl}, not "${text}"`);
  return ttl;
}
