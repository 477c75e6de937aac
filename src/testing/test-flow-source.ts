import { readFlowFile } from '../cli/read-flow-file.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import { loadDefinition, type LoadedDefinition } from '../flow/load-definition.ts';
import { twilioCredentialsFromEnv } from '../carrier/twilio/twilio-client.ts';
import type { ServerFlowSource } from './flow-test.ts';

/** A test file's flow: read from its file, or fetched from a server's Studio API; errors say why it cannot run. */
export async function loadTestFlow(source: string | ServerFlowSource): Promise<{ definition: FlowDefinition } | { error: string }> {
  const loaded = typeof source === 'string' ? await readFlowFile(source) : await fetchRevision(source);
  if ('error' in loaded) return loaded;
  const name = typeof source === 'string' ? source : `${source.sid} on ${source.server}`;
  if (!loaded.definition || !loaded.result.valid) {
    return { error: `the flow ${name} is not valid: ${loaded.result.errors.map((error) => `${error.property_path}: ${error.message}`).join('; ')}` };
  }
  return { definition: loaded.definition };
}

/** `GET /v2/Flows/{FW}/Revisions/{n}` (or the flow's latest revision), with the credentials Twilio's tools read from the environment. */
async function fetchRevision(source: ServerFlowSource): Promise<LoadedDefinition | { error: string }> {
  const credentials = twilioCredentialsFromEnv();
  if ('error' in credentials) return { error: `reading a flow from a server needs credentials: ${credentials.error}` };
  const { username: user, password } = credentials;
  const url = `${source.server.replace(/\/$/, '')}/v2/Flows/${source.sid}${source.revision === undefined ? '' : `/Revisions/${source.revision}`}`;
  try {
    const response = await fetch(url, { headers: { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }, signal: AbortSignal.timeout(15_000) });
    const body = (await response.json()) as { definition?: unknown; message?: string };
    if (!response.ok) return { error: `GET ${url} answered ${response.status}: ${body.message ?? ''}` };
    return loadDefinition(body.definition);
  } catch (error) {
    return { error: `GET ${url} failed: ${(error as Error).message}` };
  }
}
