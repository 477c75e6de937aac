import twilio from 'twilio';
import { apiHost, createTwilioClient, type TwilioCredentials } from '../carrier/twilio/twilio-client.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import { SyncError } from './sync-error.ts';

/** A flow as Studio v2 lists it (the list carries no definition). */
export interface RemoteFlowSummary {
  sid: string;
  friendlyName: string;
  revision: number;
  status: string;
}

export interface RemoteFlow extends RemoteFlowSummary {
  definition: FlowDefinition;
}

export interface RemoteSave {
  friendlyName: string;
  definition: FlowDefinition;
  status: 'draft' | 'published';
  commitMessage?: string;
}

/** The Studio v2 calls sync makes. Every failure is a SyncError worded for the user. */
export interface StudioRemote {
  /** Which account at which host: the state file keeps one record set per remote. */
  key: string;
  /** "AC… at host", for messages. */
  name: string;
  list(): Promise<RemoteFlowSummary[]>;
  fetch(sid: string): Promise<RemoteFlow>;
  /** Studio's FlowValidate: resolves when the remote would accept the save. */
  validate(save: RemoteSave): Promise<void>;
  create(save: RemoteSave): Promise<RemoteFlow>;
  /** One request: when it fails, the remote flow is as it was. */
  update(sid: string, save: RemoteSave): Promise<RemoteFlow>;
}

/** Studio v2 of a Twilio account (or of whatever TWILIO_API_BASE_URL names), through the official client. */
export function twilioStudioRemote(credentials: TwilioCredentials): StudioRemote {
  const flows = createTwilioClient(credentials).studio.v2;
  const host = apiHost(credentials, 'studio.twilio.com');
  const name = `${credentials.accountSid} at ${host}`;
  const call = async <T>(what: string, request: () => Promise<T>): Promise<T> => {
    try {
      return await request();
    } catch (error) {
      throw remoteError(error, what, credentials.accountSid, host);
    }
  };
  const flow = (instance: RemoteFlowSummary & { definition?: unknown }): RemoteFlow => ({
    sid: instance.sid,
    friendlyName: instance.friendlyName,
    revision: instance.revision,
    status: instance.status,
    definition: instance.definition as FlowDefinition,
  });
  return {
    key: credentials.baseUrl ? `${credentials.accountSid}@${new URL(credentials.baseUrl).origin}` : credentials.accountSid,
    name,
    list: () => call('listing flows', async () => (await flows.flows.list()).map(({ sid, friendlyName, revision, status }) => ({ sid, friendlyName, revision, status }))),
    fetch: (sid) => call(`fetching flow ${sid}`, async () => flow(await flows.flows(sid).fetch())),
    validate: (save) => call(`validating "${save.friendlyName}"`, async () => void (await flows.flowValidate.update(save))),
    create: (save) => call(`creating "${save.friendlyName}"`, async () => flow(await flows.flows.create(save))),
    update: (sid, save) => call(`updating ${sid}`, async () => flow(await flows.flows(sid).update(save))),
  };
}

/** One line naming the cause: the credentials, a rate limit, the host that cannot be reached, Studio's refusal, or an answer that is not Studio's. */
function remoteError(error: unknown, what: string, accountSid: string, host: string): SyncError {
  if (error instanceof twilio.RestException) {
    if (error.status === 401) return new SyncError(`Twilio refused the credentials for ${accountSid} (401 from ${host}): check TWILIO_AUTH_TOKEN, or TWILIO_API_KEY and TWILIO_API_SECRET`);
    if (error.status === 429) return new SyncError(`${host} is rate limiting requests (429 Too Many Requests) while ${what}; try again in a moment`);
    const code = error.code ? ` error ${error.code}` : '';
    return new SyncError(`${host} refused ${what} (${error.status}${code}): ${error.message}${firstDetail(error)}`);
  }
  // The request never got an answer (refused, DNS, TLS, reset): axios errors carry a code.
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return new SyncError(`cannot reach ${host} while ${what}: ${(error as Error).message || code}`);
  // An answer the client could not read, such as a web page where the API should be.
  return new SyncError(`${host} did not answer ${what} as Studio v2 does: ${error instanceof Error ? error.message : String(error)}`);
}

/** Studio puts every finding of an invalid definition in `details.errors`; the first one tells what to fix. */
function firstDetail(error: twilio.RestException): string {
  const first = (error.details as { errors?: Array<{ message?: string; property_path?: string }> } | undefined)?.errors?.[0];
  if (!first?.message || error.message.includes(first.message)) return '';
  return ` (${first.property_path ?? '#'}: ${first.message})`;
}
