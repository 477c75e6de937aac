import type { FlowJson, TwimlBinJson } from '../api/types.ts';

export type TargetKind = 'none' | 'flow' | 'bin' | 'url';

/**
 * Where a number sends its calls or its messages, as the edit form holds it: a flow (by its
 * webhook URL), a TwiML Bin (by its URL), any other URL, or nothing. Each kind keeps its own
 * field, so switching kinds back and forth loses no choice.
 */
export interface NumberTarget {
  kind: TargetKind;
  flowSid: string;
  binSid: string;
  url: string;
}

type FlowLink = Pick<FlowJson, 'sid' | 'webhook_url'>;
type BinLink = Pick<TwimlBinJson, 'sid' | 'url'>;

/** What a number's `voice_url` or `sms_url` points at. */
export function numberTarget(url: string | null | undefined, flows: FlowLink[], bins: BinLink[]): NumberTarget {
  const target: NumberTarget = { kind: 'none', flowSid: '', binSid: '', url: '' };
  if (!url) return target;
  const flow = flows.find((each) => each.webhook_url === url);
  if (flow) return { ...target, kind: 'flow', flowSid: flow.sid };
  const bin = bins.find((each) => each.url === url);
  if (bin) return { ...target, kind: 'bin', binSid: bin.sid };
  return { ...target, kind: 'url', url };
}

/** The URL to save for a target: `''` clears it, as Twilio's API takes it. */
export function targetUrl(target: NumberTarget, flows: FlowLink[], bins: BinLink[]): string {
  switch (target.kind) {
    case 'flow': return flows.find((flow) => flow.sid === target.flowSid)?.webhook_url ?? '';
    case 'bin': return bins.find((bin) => bin.sid === target.binSid)?.url ?? '';
    case 'url': return target.url.trim();
    case 'none': return '';
  }
}
