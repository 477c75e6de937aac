import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { resourceNotFound, SwitchboardError } from '../../errors.ts';
import type { TwimlBinRecord } from '../../store/records.ts';
import { checkBinTemplate, renderBin } from '../../twiml/render-bin.ts';
import { schemaFor } from '../../twiml/twiml-dialect.ts';
import { validateTwiml } from '../../twiml/validate-twiml.ts';
import { isoNow } from '../../engine/services.ts';
import type { AppContext } from '../app-context.ts';
import { authenticate } from '../auth.ts';
import { pageLinks, pageRequest } from '../paging.ts';
import { asParams, optionalString, requiredString, textParams } from '../params.ts';
import { requireTwilioSignature } from '../twilio-signature.ts';
import { studioDate, studioPage } from '../studio/studio-resources.ts';

type BinParams = { Params: { sid: string } };

/**
 * TwiML Bins: static TwiML (a Mustache template over the request) that Switchboard serves at
 * `/twiml/EH…`, so a number can point at it with no app. Twilio manages Bins in its Console
 * only, so their API is the emulator's: `/emulator/v1/TwimlBins`.
 */
export function registerTwimlBinRoutes(app: FastifyInstance, context: AppContext): void {
  const { store, sids, clock } = context;
  const binUrl = (sid: string) => `${context.publicUrl}/twiml/${sid}`;
  const binJson = (bin: TwimlBinRecord) => ({
    sid: bin.sid,
    account_sid: bin.accountSid,
    friendly_name: bin.friendlyName,
    twiml: bin.twiml,
    url: binUrl(bin.sid),
    date_created: studioDate(bin.dateCreated),
    date_updated: studioDate(bin.dateUpdated),
  });

  async function ownedBin(accountSid: string, sid: string): Promise<TwimlBinRecord> {
    const bin = await store.getBin(sid);
    if (!bin || bin.accountSid !== accountSid) throw resourceNotFound(`/emulator/v1/TwimlBins/${sid}`);
    return bin;
  }

  app.post('/emulator/v1/TwimlBins', async (request, reply) => {
    const account = await authenticate(request, store);
    const params = asParams(request.body);
    const now = isoNow(clock);
    const bin: TwimlBinRecord = {
      sid: sids.next('EH'),
      accountSid: account.sid,
      friendlyName: requiredString(params, 'FriendlyName'),
      twiml: checkedTwiml(requiredString(params, 'Twiml')),
      dateCreated: now,
      dateUpdated: now,
    };
    await store.putBin(bin);
    reply.code(201);
    return binJson(bin);
  });

  app.get('/emulator/v1/TwimlBins', async (request) => {
    const account = await authenticate(request, store);
    const page = pageRequest(asParams(request.query));
    const links = pageLinks(await store.listBins(account.sid, page), page);
    return studioPage('twiml_bins', context.publicUrl, '/emulator/v1/TwimlBins', { ...links, items: links.items.map(binJson) }, page.page, page.pageSize);
  });

  app.get<BinParams>('/emulator/v1/TwimlBins/:sid', async (request) => {
    const account = await authenticate(request, store);
    return binJson(await ownedBin(account.sid, request.params.sid));
  });

  app.post<BinParams>('/emulator/v1/TwimlBins/:sid', async (request) => {
    const account = await authenticate(request, store);
    const bin = await ownedBin(account.sid, request.params.sid);
    const params = asParams(request.body);
    const twiml = optionalString(params, 'Twiml');
    const updated: TwimlBinRecord = {
      ...bin,
      friendlyName: optionalString(params, 'FriendlyName') ?? bin.friendlyName,
      twiml: twiml === undefined ? bin.twiml : checkedTwiml(twiml),
      dateUpdated: isoNow(clock),
    };
    await store.putBin(updated);
    return binJson(updated);
  });

  app.delete<BinParams>('/emulator/v1/TwimlBins/:sid', async (request, reply) => {
    const account = await authenticate(request, store);
    await ownedBin(account.sid, request.params.sid);
    await store.deleteBin(request.params.sid);
    reply.code(204);
  });

  /** The Bin's URL: renders the template with the request's parameters and the URL's query. */
  const serve = async (request: FastifyRequest<BinParams>, reply: FastifyReply) => {
    const bin = await store.getBin(request.params.sid);
    if (!bin) throw resourceNotFound(`/twiml/${request.params.sid}`);
    const body = request.method === 'POST' ? textParams(request.body) : {};
    await requireTwilioSignature(request, context, bin.accountSid, body);
    reply.type('text/xml');
    return renderBin(bin.twiml, { ...textParams(request.query), ...body });
  };
  app.get<BinParams>('/twiml/:sid', serve);
  app.post<BinParams>('/twiml/:sid', serve);
}

/** A Bin's TwiML must be a template that renders and XML that parses; schema warnings are allowed. */
function checkedTwiml(twiml: string): string {
  const templateProblem = checkBinTemplate(twiml);
  if (templateProblem) throw new SwitchboardError('invalidParameter', `Twiml is not a valid template: ${templateProblem}`);
  const { valid, findings } = validateTwiml(renderBin(twiml, {}), schemaFor);
  if (!valid) throw new SwitchboardError('invalidParameter', `Twiml is not valid TwiML: ${findings[0].message}`, { findings });
  return twiml;
}
