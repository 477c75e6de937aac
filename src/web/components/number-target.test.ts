import { describe, expect, it } from 'vitest';
import { numberTarget, targetUrl } from './number-target.ts';

const flows = [
  { sid: 'FW1', webhook_url: 'http://localhost:3000/v1/Accounts/AC1/Flows/FW1' },
  { sid: 'FW2', webhook_url: 'http://localhost:3000/v1/Accounts/AC1/Flows/FW2' },
];
const bins = [{ sid: 'EH1', url: 'http://localhost:3000/twiml/EH1' }];

describe('numberTarget', () => {
  it("recognises a flow's webhook URL and a TwiML Bin's URL", () => {
    expect(numberTarget(flows[1]!.webhook_url, flows, bins)).toEqual({ kind: 'flow', flowSid: 'FW2', binSid: '', url: '' });
    expect(numberTarget(bins[0]!.url, flows, bins)).toEqual({ kind: 'bin', flowSid: '', binSid: 'EH1', url: '' });
  });

  it('keeps any other URL as a URL, and no URL as nothing', () => {
    expect(numberTarget('https://example.com/voice', flows, bins)).toEqual({ kind: 'url', flowSid: '', binSid: '', url: 'https://example.com/voice' });
    for (const none of ['', null, undefined]) expect(numberTarget(none, flows, bins).kind).toBe('none');
  });
});

describe('targetUrl', () => {
  const target = { kind: 'none' as const, flowSid: 'FW1', binSid: 'EH1', url: ' https://example.com/sms ' };
  it('gives the URL of the kind chosen', () => {
    expect(targetUrl({ ...target, kind: 'flow' }, flows, bins)).toBe(flows[0]!.webhook_url);
    expect(targetUrl({ ...target, kind: 'bin' }, flows, bins)).toBe(bins[0]!.url);
    expect(targetUrl({ ...target, kind: 'url' }, flows, bins)).toBe('https://example.com/sms');
  });

  it('clears with an empty URL for nothing, or a flow or Bin that is gone', () => {
    expect(targetUrl(target, flows, bins)).toBe('');
    expect(targetUrl({ ...target, kind: 'flow', flowSid: 'FW9' }, flows, bins)).toBe('');
  });

  it('reads back what numberTarget read', () => {
    for (const url of [flows[0]!.webhook_url, bins[0]!.url, 'https://example.com/x', '']) expect(targetUrl(numberTarget(url, flows, bins), flows, bins)).toBe(url);
  });
});
