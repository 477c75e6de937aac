import { describe, expect, it } from 'vitest';
import type { EmulatedCallJson } from '../../api/types.ts';
import { describeCallEvent, isCallOver, newerCall, waitingText } from './call-transcript.ts';

const call = (status: string, eventCount: number): EmulatedCallJson => ({
  sid: 'CA1',
  from: '+1',
  to: '+2',
  status,
  direction: 'inbound',
  duration: null,
  start_time: null,
  date_created: '',
  waiting_for: null,
  events: Array.from({ length: eventCount }, () => ({ type: 'say', text: 'hi' })),
});

describe('the call transcript', () => {
  it('reads what the caller hears, does, and what the network does', () => {
    expect(describeCallEvent({ type: 'say', text: 'Hello.' })).toEqual({ tone: 'hears', text: 'Hello.' });
    expect(describeCallEvent({ type: 'digits', digits: '12' })).toEqual({ tone: 'caller', text: 'You pressed 12' });
    expect(describeCallEvent({ type: 'gather', input: 'dtmf speech', numDigits: 1, finishOnKey: '#' })?.text).toBe('Listens for keys or speech (1 digit, # to finish)');
    expect(describeCallEvent({ type: 'dial', to: ['+1', '+2'] })?.text).toBe('Dials +1, +2');
    expect(describeCallEvent({ type: 'hangup', by: 'handset' })?.text).toBe('You hung up');
    expect(describeCallEvent({ type: 'error', code: 11200, message: 'HTTP retrieval failure' })).toEqual({ tone: 'problem', text: 'Error 11200: HTTP retrieval failure' });
    expect(describeCallEvent({ type: 'stream-started' })?.text).toBe('stream-started');
  });

  it('leaves out the TwiML plumbing', () => {
    expect(describeCallEvent({ type: 'request', url: 'http://x' })).toBeUndefined();
    expect(describeCallEvent({ type: 'redirect', url: 'http://x' })).toBeUndefined();
  });

  it('says what the call waits for', () => {
    expect(waitingText(null)).toBeUndefined();
    expect(waitingText('gather')).toMatch(/press keys/);
    expect(waitingText('stream')).toBe('Waiting (stream)');
  });

  it('keeps the newer of two answers: the longer transcript, and an ended call stays ended', () => {
    expect(isCallOver(call('completed', 0))).toBe(true);
    expect(isCallOver(call('in-progress', 0))).toBe(false);
    const longer = call('in-progress', 3);
    expect(newerCall(longer, call('in-progress', 2))).toBe(longer);
    const ended = call('completed', 3);
    expect(newerCall(longer, ended)).toBe(ended);
    expect(newerCall(ended, call('in-progress', 4))).toBe(ended);
    const other = { ...call('ringing', 0), sid: 'CA2' };
    expect(newerCall(longer, other)).toBe(other);
  });
});
