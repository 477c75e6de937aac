import { decodeProtectedHeader, errors, jwtVerify, type JWTPayload, type ProtectedHeaderParameters } from 'jose';
import { SwitchboardError } from '../../errors.ts';

/** Where the secrets that sign client tokens come from: API keys and accounts' auth tokens. */
export interface TokenKeys {
  apiKey(sid: string): Promise<{ accountSid: string; secret: string } | undefined>;
  authToken(accountSid: string): Promise<string | undefined>;
}

/** What a verified token lets a browser or mobile client do on the voice network. */
export interface ClientGrant {
  accountSid: string;
  identity: string;
  incomingAllow: boolean;
  outgoingApplicationSid?: string;
  outgoingParams: Record<string, string>;
}

/** Twilio refuses tokens that live longer than a day. */
const maxTtlSeconds = 24 * 60 * 60;
const accessTokenType = 'twilio-fpa;v=1';
const accessTokenAlgorithms = ['HS256', 'HS384', 'HS512'];

/**
 * Verifies an Access Token (signed with an API key's secret) or a legacy Capability Token
 * (signed with the account's auth token) at the time `now` (ms since the epoch), and says what
 * it grants. Every failure is a SwitchboardError with Twilio's 201xx code.
 */
export async function verifyClientToken(token: string, keys: TokenKeys, now: number): Promise<ClientGrant> {
  const header = readHeader(token);
  if (typeof header.alg !== 'string' || (header.typ !== undefined && String(header.typ).toUpperCase() !== 'JWT')) {
    throw new SwitchboardError('tokenHeaderInvalid', `alg ${String(header.alg)}, typ ${String(header.typ)}`);
  }
  if (header.cty === accessTokenType) return verifyAccessToken(token, header.alg, keys, now);
  if (header.cty === undefined) return verifyCapabilityToken(token, header.alg, keys, now);
  throw new SwitchboardError('tokenHeaderInvalid', `cty must be ${accessTokenType}`);
}

async function verifyAccessToken(token: string, alg: string, keys: TokenKeys, now: number): Promise<ClientGrant> {
  if (!accessTokenAlgorithms.includes(alg)) throw new SwitchboardError('tokenHeaderInvalid', `alg must be one of ${accessTokenAlgorithms.join(', ')}, not ${alg}`);
  const claims = unverifiedClaims(token);
  const key = typeof claims.iss === 'string' ? await keys.apiKey(claims.iss) : undefined;
  if (!key || typeof claims.sub !== 'string' || key.accountSid !== claims.sub) {
    throw new SwitchboardError('tokenIssuerInvalid', `${String(claims.iss)} is not an API key of ${String(claims.sub)}`);
  }
  const payload = await verified(token, key.secret, accessTokenAlgorithms, now);
  const grants = objectOrUndefined(payload.grants);
  const voice = objectOrUndefined(grants?.voice);
  const identity = grants?.identity;
  if (typeof identity !== 'string' || identity === '') throw new SwitchboardError('tokenGrantsInvalid', 'grants.identity is missing');
  if (!voice) throw new SwitchboardError('tokenGrantsInvalid', 'grants.voice is missing');
  const outgoing = objectOrUndefined(voice.outgoing);
  const applicationSid = outgoing?.application_sid;
  if (applicationSid !== undefined && typeof applicationSid !== 'string') throw new SwitchboardError('tokenGrantsInvalid', 'grants.voice.outgoing.application_sid must be text');
  return {
    accountSid: key.accountSid,
    identity,
    incomingAllow: objectOrUndefined(voice.incoming)?.allow === true,
    ...(applicationSid ? { outgoingApplicationSid: applicationSid } : {}),
    outgoingParams: textValues(outgoing?.params),
  };
}

/** A Twilio Client 1.x token: `scope` lists `scope:client:incoming?…` and `scope:client:outgoing?…` URIs. */
async function verifyCapabilityToken(token: string, alg: string, keys: TokenKeys, now: number): Promise<ClientGrant> {
  if (alg !== 'HS256') throw new SwitchboardError('tokenHeaderInvalid', `a Capability Token's alg must be HS256, not ${alg}`);
  const accountSid = unverifiedClaims(token).iss;
  const authToken = typeof accountSid === 'string' ? await keys.authToken(accountSid) : undefined;
  if (authToken === undefined) throw new SwitchboardError('tokenIssuerInvalid', `${String(accountSid)} is not an account`);
  const payload = await verified(token, authToken, ['HS256'], now);
  if (typeof payload.scope !== 'string') throw new SwitchboardError('tokenGrantsInvalid', 'scope is missing');
  let incoming: URLSearchParams | undefined;
  let outgoing: URLSearchParams | undefined;
  for (const uri of payload.scope.split(' ')) {
    const [scope, query = ''] = splitOnce(uri, '?');
    if (scope === 'scope:client:incoming') incoming = new URLSearchParams(query);
    if (scope === 'scope:client:outgoing') outgoing = new URLSearchParams(query);
  }
  const identity = incoming?.get('clientName') || outgoing?.get('clientName');
  if (!identity) throw new SwitchboardError('tokenGrantsInvalid', 'no client scope names a clientName');
  const applicationSid = outgoing?.get('appSid');
  return {
    accountSid: accountSid as string,
    identity,
    incomingAllow: Boolean(incoming?.get('clientName')),
    ...(applicationSid ? { outgoingApplicationSid: applicationSid } : {}),
    outgoingParams: Object.fromEntries(new URLSearchParams(outgoing?.get('appParams') ?? '')),
  };
}

function readHeader(token: string): ProtectedHeaderParameters {
  try {
    return decodeProtectedHeader(token);
  } catch {
    throw new SwitchboardError('tokenInvalid', 'not a JWT');
  }
}

/** The claims before the signature is checked: only to find the key that checks it. */
function unverifiedClaims(token: string): JWTPayload {
  const [, payload = ''] = token.split('.');
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (objectOrUndefined(claims)) return claims as JWTPayload;
  } catch {
    // Answered below, as for any payload that is not a JSON object.
  }
  throw new SwitchboardError('tokenInvalid', 'the payload is not a JSON object');
}

/** The payload once the signature, `nbf` and `exp` hold at `now`, and the token lives at most a day. */
async function verified(token: string, secret: string, algorithms: string[], now: number): Promise<JWTPayload> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, new TextEncoder().encode(secret), { algorithms, currentDate: new Date(now), requiredClaims: ['exp'] }));
  } catch (error) {
    throw tokenError(error);
  }
  const issuedAt = typeof payload.iat === 'number' ? payload.iat : Math.floor(now / 1000);
  if (payload.exp! - issuedAt > maxTtlSeconds) throw new SwitchboardError('tokenTtlTooLong', `it expires ${payload.exp! - issuedAt} seconds after it was issued; the most is ${maxTtlSeconds}`);
  return payload;
}

function tokenError(error: unknown): SwitchboardError {
  if (error instanceof errors.JWSSignatureVerificationFailed) return new SwitchboardError('tokenSignatureInvalid');
  if (error instanceof errors.JWTExpired) return new SwitchboardError('tokenExpired');
  if (error instanceof errors.JOSEAlgNotAllowed) return new SwitchboardError('tokenHeaderInvalid', error.message);
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'exp') return new SwitchboardError('tokenExpired', error.message);
    if (error.claim === 'nbf') return new SwitchboardError('tokenNotYetValid', error.message);
  }
  return new SwitchboardError('tokenInvalid', error instanceof Error ? error.message : undefined);
}

function objectOrUndefined(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** `outgoing.params` as text: the values arrive at the application's Voice URL as form fields. */
function textValues(value: unknown): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [name, item] of Object.entries(objectOrUndefined(value) ?? {})) {
    if (!['string', 'number', 'boolean'].includes(typeof item)) throw new SwitchboardError('tokenGrantsInvalid', `grants.voice.outgoing.params.${name} must be text`);
    params[name] = String(item);
  }
  return params;
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + 1)];
}
