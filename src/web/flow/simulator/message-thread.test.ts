import { describe, expect, it } from 'vitest';
import type { MessageJson } from '../../api/types.ts';
import { isBetween, withMessages } from './message-thread.ts';

const message = (sid: string, status = 'queued'): MessageJson => ({ sid, from: '+1', to: '+2', body: sid, status, direction: 'inbound', date_created: '' });

describe('the SMS thread', () => {
  it('holds the messages between two numbers, either way', () => {
    expect(isBetween({ from: '+1', to: '+2' }, '+2', '+1')).toBe(true);
    expect(isBetween({ from: '+1', to: '+2' }, '+1', '+2')).toBe(true);
    expect(isBetween({ from: '+1', to: '+3' }, '+1', '+2')).toBe(false);
  });

  it('updates a known message in place and adds a new one last', () => {
    const thread = withMessages([message('SM1'), message('SM2')], [message('SM1', 'delivered'), message('SM3')]);
    expect(thread.map((each) => `${each.sid} ${each.status}`)).toEqual(['SM1 delivered', 'SM2 queued', 'SM3 queued']);
  });
});
