import { describe, expect, it } from 'vitest';
import { parseVoiceOptions } from './voice-options.ts';

describe('parseVoiceOptions', () => {
  it('reads booleans, numbers, enums and text', () => {
    expect(parseVoiceOptions(['dialActionOnCallerHangup=false', 'queueWaitSeconds=30', 'emptyRecording=action', 'applicationErrorMessage=Oops, sorry'])).toEqual({
      dialActionOnCallerHangup: false,
      queueWaitSeconds: 30,
      emptyRecording: 'action',
      applicationErrorMessage: 'Oops, sorry',
    });
  });

  it.each([
    ['nonsense', /unknown voice option/],
    ['=true', /unknown voice option/],
    ['color=blue', /unknown voice option/],
    ['dialActionOnCallerHangup=yes', /true or false/],
    ['queueWaitSeconds=0', /at least 1/],
    ['queueWaitSeconds=ten', /whole number/],
    ['emptyRecording=drop', /fall-through or action/],
  ])('refuses %s, saying why', (setting, reason) => {
    expect(() => parseVoiceOptions([setting])).toThrow(reason);
  });
});
