import { describe, expect, it } from 'vitest';
import type { ExecutionJson } from '../../api/types.ts';
import { contactMatches, isoFromLocalInput, localInputValue, matchesServerFilter, withLiveExecution } from './execution-list.ts';

const execution = (sid: string, fields: Partial<ExecutionJson> = {}): ExecutionJson => ({
  sid,
  flow_sid: 'FW1',
  contact_channel_address: '+15555551234',
  context: {},
  status: 'active',
  date_created: '2026-01-02T10:00:00Z',
  date_updated: null,
  initiated_by: 'SM1',
  flow_version: 1,
  ...fields,
});

describe('the execution list', () => {
  it('matches contacts by substring, ignoring case and spaces around', () => {
    expect(contactMatches(execution('FN1'), ' 1234 ')).toBe(true);
    expect(contactMatches(execution('FN1', { contact_channel_address: 'whatsapp:+1555' }), 'WhatsApp')).toBe(true);
    expect(contactMatches(execution('FN1'), '999')).toBe(false);
  });

  it('judges status and creation dates to the whole second, as the server does', () => {
    expect(matchesServerFilter(execution('FN1'), { status: 'ended' })).toBe(false);
    expect(matchesServerFilter(execution('FN1'), { createdFrom: '2026-01-02T10:00:00.500Z', createdTo: '2026-01-02T10:00:00.100Z' })).toBe(true);
    expect(matchesServerFilter(execution('FN1'), { createdFrom: '2026-01-02T10:00:01Z' })).toBe(false);
    expect(matchesServerFilter(execution('FN1'), { createdTo: '2026-01-02T09:59:59.999Z' })).toBe(false);
  });

  it('puts a new execution on top, replaces a listed one in place, and drops one that no longer fits', () => {
    const list = [execution('FN2'), execution('FN1')];
    expect(withLiveExecution(list, execution('FN3'), {}).map((each) => each.sid)).toEqual(['FN3', 'FN2', 'FN1']);
    expect(withLiveExecution(list, execution('FN1', { status: 'ended' }), {})[1].status).toBe('ended');
    expect(withLiveExecution(list, execution('FN1', { status: 'ended' }), { status: 'active' }).map((each) => each.sid)).toEqual(['FN2']);
    expect(withLiveExecution(list, execution('FN3', { status: 'ended' }), { status: 'active' })).toBe(list);
  });

  it('keeps an ended execution ended when a late update says it is active', () => {
    const list = [execution('FN1', { status: 'ended' })];
    expect(withLiveExecution(list, execution('FN1'), {})).toBe(list);
  });

  it('reads and writes datetime-local values in local time, to the minute', () => {
    const iso = isoFromLocalInput('2026-03-04T05:06');
    expect(iso).toMatch(/Z$/);
    expect(localInputValue(iso)).toBe('2026-03-04T05:06');
    expect(isoFromLocalInput('')).toBeUndefined();
    expect(localInputValue(undefined)).toBe('');
  });
});
