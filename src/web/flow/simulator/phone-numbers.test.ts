import { describe, expect, it } from 'vitest';
import type { NumberJson } from '../../api/types.ts';
import { channelsOf, isE164, nextFreeNumber, numbersOfFlow } from './phone-numbers.ts';

const number = (phone_number: string, sms_url: string | null, voice_url: string | null): NumberJson => ({
  sid: `PN${phone_number}`,
  phone_number,
  friendly_name: phone_number,
  sms_url,
  sms_method: 'POST',
  voice_url,
  voice_method: 'POST',
  voice_application_sid: null,
  sms_application_sid: null,
});

describe('the simulator phone numbers', () => {
  it('knows E.164', () => {
    expect(isE164('+15555551234')).toBe(true);
    expect(isE164('15555551234')).toBe(false);
    expect(isE164('+0555')).toBe(false);
    expect(isE164('+1555 555')).toBe(false);
  });

  it("finds the flow's numbers by either webhook, and says which channels point at the flow", () => {
    const hook = 'http://x/v1/Accounts/AC1/Flows/FW1';
    const numbers = [number('+1', hook, null), number('+2', null, hook), number('+3', 'http://other', hook + '0')];
    expect(numbersOfFlow(numbers, hook).map((each) => each.phone_number)).toEqual(['+1', '+2']);
    expect(channelsOf(number('+1', hook, hook), hook)).toBe('SMS and voice');
    expect(channelsOf(number('+1', null, hook), hook)).toBe('voice');
  });

  it('picks the next number that is not taken, staying the same length', () => {
    expect(nextFreeNumber('+15555550100', ['+15555550100', '+15555550101', '+15555550103'])).toBe('+15555550102');
    expect(nextFreeNumber('+15555550100', [])).toBe('+15555550100');
    expect(() => nextFreeNumber('+98', ['+98', '+99'])).toThrow(/taken/);
  });
});
