import type twilio from 'twilio';
import type { FlowInstance } from 'twilio/lib/rest/studio/v2/flow.js';
import { isHttpUrl } from '../api/params.ts';
import { isE164 } from '../carrier/e164.ts';
import { carrierError } from '../carrier/twilio/carrier-error.ts';
import { carrierStatusPath } from '../carrier/twilio/twilio-carrier.ts';
import { apiHost, createTwilioClient, twilioCredentialsFromEnv, type TwilioCredentials } from '../carrier/twilio/twilio-client.ts';
import { describeError, errorCatalog } from '../errors.ts';

export interface NumbersFlags {
  /** The local Switchboard server that runs the flows. */
  server: string;
  /** The base URL Twilio reaches that server at, when it is not the one the server puts in its webhook URLs. */
  publicUrl?: string;
}

export interface ConnectFlags extends NumbersFlags {
  flow: string;
  voice?: boolean;
  sms?: boolean;
}

export interface NumbersIo {
  print(line: string): void;
  env: NodeJS.ProcessEnv;
}

const flowWebhookPattern = /\/v1\/Accounts\/(AC[0-9a-f]{32})\/Flows\/(FW[0-9a-f]{32})$/;

/**
 * `switchboard numbers connect`: points a number of the real account at a flow of the local
 * server. Its calls (`--voice`) and messages (`--sms`), both unless one is chosen, go to the
 * flow's webhook, and its call status callbacks to the carrier's status route, which ends the
 * execution when the caller hangs up.
 */
export async function numbersConnectCommand(phoneNumber: string, flags: ConnectFlags, io: NumbersIo): Promise<number> {
  const credentials = twilioCredentialsFromEnv(io.env);
  if ('error' in credentials) return refuse(io, credentials.error);
  if (!isE164(phoneNumber)) return refuse(io, `${phoneNumber} is not an E.164 number (like +15551234567)`);
  if (!isHttpUrl(flags.server)) return refuse(io, `--server must be an http(s) URL, not "${flags.server}"`);
  if (flags.publicUrl !== undefined && !isHttpUrl(flags.publicUrl)) return refuse(io, `--public-url must be an http(s) URL, not "${flags.publicUrl}"`);
  const both = !flags.voice && !flags.sms;
  const found = await findFlow(credentials, flags, flags.flow);
  if ('error' in found) return refuse(io, found.error);
  const base = flags.publicUrl?.replace(/\/$/, '') ?? found.webhookUrl.replace(flowWebhookPattern, '');
  const webhook = `${base}/v1/Accounts/${credentials.accountSid}/Flows/${found.sid}`;
  const client = createTwilioClient(credentials);
  const host = apiHost(credentials);
  try {
    const [number] = await client.incomingPhoneNumbers.list({ phoneNumber, limit: 1 });
    if (!number) return refuse(io, `${phoneNumber} is not a number of account ${credentials.accountSid}; \`switchboard numbers list\` shows its numbers`);
    await client.incomingPhoneNumbers(number.sid).update({
      ...(flags.voice || both
        ? { voiceUrl: webhook, voiceMethod: 'POST', statusCallback: `${base}${carrierStatusPath(credentials.accountSid, 'Calls')}`, statusCallbackMethod: 'POST' }
        : {}),
      ...(flags.sms || both ? { smsUrl: webhook, smsMethod: 'POST' } : {}),
    });
  } catch (error) {
    return refuse(io, carrierError(error, host).message);
  }
  const what = both ? 'calls and messages' : flags.voice ? 'calls' : 'messages';
  io.print(`${phoneNumber} now sends ${what} to flow "${found.friendlyName}" (${found.sid}) at ${webhook}`);
  return 0;
}

/** `switchboard numbers list`: each number of the real account, and where its calls and messages go. */
export async function numbersListCommand(flags: NumbersFlags, io: NumbersIo): Promise<number> {
  const credentials = twilioCredentialsFromEnv(io.env);
  if ('error' in credentials) return refuse(io, credentials.error);
  if (!isHttpUrl(flags.server)) return refuse(io, `--server must be an http(s) URL, not "${flags.server}"`);
  let numbers: Awaited<ReturnType<twilio.Twilio['incomingPhoneNumbers']['list']>>;
  try {
    numbers = await createTwilioClient(credentials).incomingPhoneNumbers.list();
  } catch (error) {
    return refuse(io, carrierError(error, apiHost(credentials)).message);
  }
  const flows = await localFlows(credentials, flags.server).catch((error: unknown) => {
    io.print(`(flow names unknown: ${describeError(error)})`);
    return [];
  });
  const where = (url: string | null) => {
    if (!url) return 'nowhere';
    const flowSid = flowWebhookPattern.exec(url)?.[2];
    const flow = flows.find((candidate) => candidate.sid === flowSid);
    return flow ? `flow "${flow.friendlyName}" (${flow.sid})` : url;
  };
  if (numbers.length === 0) io.print(`account ${credentials.accountSid} has no numbers`);
  for (const number of numbers) io.print(`${number.phoneNumber}  voice: ${where(number.voiceUrl)}  sms: ${where(number.smsUrl)}`);
  return 0;
}

/** The flow by SID or friendly name on the local server, read with the same credentials. */
async function findFlow(credentials: TwilioCredentials, flags: NumbersFlags, wanted: string): Promise<FlowInstance | { error: string }> {
  try {
    if (/^FW[0-9a-f]{32}$/.test(wanted)) return await localClient(credentials, flags.server).studio.v2.flows(wanted).fetch();
    const named = (await localFlows(credentials, flags.server)).filter((flow) => flow.friendlyName === wanted);
    if (named.length === 1) return named[0];
    if (named.length === 0) return { error: `no flow is named "${wanted}" on ${flags.server}` };
    return { error: `${named.length} flows are named "${wanted}" on ${flags.server}; give one's SID: ${named.map((flow) => flow.sid).join(', ')}` };
  } catch (error) {
    const reason = carrierError(error, new URL(flags.server).host);
    // The server runs as the Twilio account: it knows its auth token, not the account's API keys.
    const why =
      reason.code === errorCatalog.carrierAuthenticationFailed.code ? 'it refused the credentials; it takes TWILIO_ACCOUNT_SID with the TWILIO_AUTH_TOKEN it runs with'
      : reason.code === errorCatalog.carrierUnreachable.code ? `it could not be reached (${describeError(error)}); is \`switchboard serve --carrier twilio\` running there?`
      : reason.message;
    return { error: `flow ${wanted} could not be read from the Switchboard server at ${flags.server}: ${why}` };
  }
}

function localFlows(credentials: TwilioCredentials, server: string): Promise<FlowInstance[]> {
  return localClient(credentials, server).studio.v2.flows.list();
}

/** The local server speaks Studio v2 with the same account's credentials. */
function localClient(credentials: TwilioCredentials, server: string): twilio.Twilio {
  return createTwilioClient({ ...credentials, baseUrl: server });
}

function refuse(io: NumbersIo, reason: string): number {
  io.print(reason);
  return 1;
}
