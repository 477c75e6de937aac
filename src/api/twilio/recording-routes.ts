import type { FastifyInstance } from 'fastify';
import { resourceNotFound, SwitchboardError } from '../../errors.ts';
import type { AppContext } from '../app-context.ts';
import type { RecordingRecord } from '../../store/records.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, dayRange, optionalHttpUrl, optionalString, requiredOneOf } from '../params.ts';
import { accountUri, recordingJson, twilioPage } from './twilio-resources.ts';

type AccountParams = { Params: { accountSid: string } };
type CallRecordingsParams = { Params: { accountSid: string; callSid: string } };
type RecordingParams = { Params: { accountSid: string; sid: string } };
type CallRecordingParams = { Params: { accountSid: string; callSid: string; sid: string } };

/**
 * The 2010-04-01 Recordings API. A recording's media is the text the handset sent in place of
 * audio, served as text/plain at the URL (with or without .wav or .mp3) that Twilio gives.
 */
export function registerRecordingRoutes(app: FastifyInstance, context: AppContext): void {
  const { store } = context;
  const base = '/2010-04-01/Accounts/:accountSid';

  const list = async (accountSid: string, callSid: string | undefined, query: unknown, path: string) => {
    const params = asParams(query);
    const page = pageRequest(params);
    const created = dayRange(params, 'DateCreated');
    const filter = { accountSid, callSid: callSid ?? optionalString(params, 'CallSid'), createdAfter: created.after, createdBefore: created.before };
    const links = pageLinks(await store.listRecordings(filter, page), page, {
      CallSid: callSid ? undefined : filter.callSid,
      DateCreated: optionalString(params, 'DateCreated'),
      'DateCreated<': optionalString(params, 'DateCreated<'),
      'DateCreated>': optionalString(params, 'DateCreated>'),
    });
    const items = links.items.map((recording) => recordingJson(recording, context.publicUrl));
    return twilioPage('recordings', path, { ...links, items }, page.page, page.pageSize, page.offset);
  };

  app.get<AccountParams>(`${base}/Recordings.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    return list(account.sid, undefined, request.query, `${accountUri(account.sid)}/Recordings.json`);
  });

  app.get<CallRecordingsParams>(`${base}/Calls/:callSid/Recordings.json`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const call = await store.getCall(request.params.callSid);
    if (!call || call.accountSid !== account.sid) throw resourceNotFound(`${accountUri(account.sid)}/Calls/${request.params.callSid}.json`);
    return list(account.sid, request.params.callSid, request.query, `${accountUri(account.sid)}/Calls/${request.params.callSid}/Recordings.json`);
  });

  // A live call's recording, as record-call starts and stops it (the Twilio carrier's recordCall).
  app.post<CallRecordingsParams>(`${base}/Calls/:callSid/Recordings.json`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const statusCallback = optionalHttpUrl(asParams(request.body), 'RecordingStatusCallback') || undefined;
    const recording = await context.voice.recordCall(account.sid, { callSid: request.params.callSid, record: true, statusCallback });
    reply.code(201);
    return recordingJson(recording, context.publicUrl);
  });

  /** `Status=stopped` ends the recording (`Twilio.CURRENT` names the one under way); pausing is not emulated. */
  app.post<CallRecordingParams>(`${base}/Calls/:callSid/Recordings/:sid`, async (request) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const { callSid } = request.params;
    const sid = request.params.sid.replace(/\.json$/, '');
    const status = requiredOneOf(asParams(request.body), 'Status', ['stopped', 'paused', 'in-progress'] as const);
    if (status !== 'stopped') throw new SwitchboardError('invalidParameter', `Status=${status}: the emulator only stops recordings`);
    const current = context.voice.live(callSid)?.recording?.sid;
    if (sid !== 'Twilio.CURRENT' && sid !== current) throw resourceNotFound(`${accountUri(account.sid)}/Calls/${callSid}/Recordings/${sid}.json`);
    return recordingJson(await context.voice.recordCall(account.sid, { callSid, record: false }), context.publicUrl);
  });

  async function ownedRecording(accountSid: string, sid: string) {
    const recording = await store.getRecording(sid);
    if (!recording || recording.accountSid !== accountSid) throw resourceNotFound(`${accountUri(accountSid)}/Recordings/${sid}.json`);
    return recording;
  }

  /**
   * The recording stored here, else, with a real carrier, the one on the carrier's account (made
   * on its calls), whose audio is at `mediaUrl` on the carrier. Looked up once in the store.
   */
  async function findRecording(accountSid: string, sid: string): Promise<{ recording: RecordingRecord; mediaUrl?: string }> {
    const recording = await store.getRecording(sid);
    if (recording?.accountSid === accountSid) return { recording };
    const carrier = context.twilioCarrier;
    const fetched = !recording && carrier?.accountSid === accountSid ? await carrier.fetchRecording(sid) : undefined;
    if (!fetched) throw resourceNotFound(`${accountUri(accountSid)}/Recordings/${sid}.json`);
    return fetched;
  }

  app.get<RecordingParams>(`${base}/Recordings/:sid`, async (request, reply) => {
    const match = /^(RE[0-9a-fA-F]{32})(?:\.(json|wav|mp3))?$/.exec(request.params.sid);
    if (!match) throw resourceNotFound(`${accountUri(request.params.accountSid)}/Recordings/${request.params.sid}`);
    const [, sid, format] = match;
    if (format === 'json') {
      const account = await authenticate(request, store, request.params.accountSid);
      const { recording, mediaUrl } = await findRecording(account.sid, sid);
      return recordingJson(recording, context.publicUrl, mediaUrl);
    }
    const { recording, mediaUrl } = await findRecording(request.params.accountSid, sid);
    // The audio of a carrier's recording is the carrier's to serve.
    if (mediaUrl) return reply.redirect(`${mediaUrl}${format ? `.${format}` : ''}`);
    // Media is public by default on Twilio, so that the app a RecordingUrl is sent to can fetch it.
    reply.type('text/plain; charset=utf-8');
    return recording.audio;
  });

  app.delete<RecordingParams>(`${base}/Recordings/:sid`, async (request, reply) => {
    const account = await authenticate(request, store, request.params.accountSid);
    const sid = /^(RE[0-9a-fA-F]{32})(\.json)?$/.exec(request.params.sid)?.[1] ?? request.params.sid;
    await ownedRecording(account.sid, sid);
    await store.deleteRecording(sid);
    reply.code(204);
  });
}
