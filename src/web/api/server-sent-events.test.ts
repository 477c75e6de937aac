import { describe, expect, it } from 'vitest';
import { parseServerSentEvents } from './server-sent-events.ts';

describe('parseServerSentEvents', () => {
  it('splits whole events and keeps the unfinished rest', () => {
    const { events, rest } = parseServerSentEvents(': connected\n\nevent: call\ndata: {"sid":"CA1"}\n\nevent: mess');
    expect(events).toEqual([{ event: 'call', data: '{"sid":"CA1"}' }]);
    expect(rest).toBe('event: mess');
  });

  it('joins data lines, names unnamed events message, and reads CRLF', () => {
    const { events } = parseServerSentEvents('data: one\r\ndata:two\r\n\r\n');
    expect(events).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('skips garbage blocks that carry no data', () => {
    expect(parseServerSentEvents('nonsense\n\n\n\nevent: x\n\n').events).toEqual([]);
  });
});
