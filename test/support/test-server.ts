import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import twilio from 'twilio';
import { seededSids } from '../../src/runtime/sid-generator.ts';
import { throwawayServer, type RunningServer, type ServerOptions } from '../../src/server/server.ts';

export const accountSid = 'AC' + '1'.repeat(32);
export const authToken = 'f'.repeat(32);

/** A real Switchboard server on a loopback port, on the virtual clock, with seeded SIDs. */
export async function testServer(options: Partial<ServerOptions> = {}): Promise<RunningServer> {
  return throwawayServer({
    clock: 'virtual',
    accountSid,
    authToken,
    sids: seededSids(11),
    ...options,
  });
}

/** A fresh database file, for tests that restart a server on the same data. */
export async function temporaryDatabase(): Promise<string> {
  return join(await mkdtemp(join(tmpdir(), 'switchboard-')), 'switchboard.db');
}

/** fetch against the server with the account's Basic credentials; form bodies from objects. */
export async function api(server: Pick<RunningServer, 'url'>, method: string, path: string, form?: Record<string, string | string[]>, credentials = `${accountSid}:${authToken}`) {
  const body = form ? new URLSearchParams(Object.entries(form).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((item) => [key, item]))) : undefined;
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(credentials).toString('base64')}`, ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined, contentType: response.headers.get('content-type') };
}

/** Headers for a flow webhook request that Twilio would sign. */
export function signedHeaders(url: string, params: Record<string, string>) {
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-twilio-signature': twilio.getExpectedTwilioSignature(authToken, url, params),
  };
}
