import { describe, expect, it } from 'vitest';
import { flowOf, widget } from '../../test/support/engine-harness.ts';
import { convertLegacyDefinition, isLegacyDefinition } from './legacy-import.ts';
import { validateDefinition } from './validate.ts';

const sid = (digit: string) => 'FF' + digit.repeat(32);
const [triggerSid, menuSid, choiceSid, recordSid, notifySid] = ['1', '2', '3', '4', '5'].map(sid);
const flowUrl = 'https://webhooks.twilio.com/v1/Accounts/AC' + '0'.repeat(32) + '/Flows/FW' + '0'.repeat(32);

/** A small voicemail line in the legacy (pre-2019) export format, written for this test. */
const legacyFlow = () => ({
  description: 'After-hours voicemail',
  states: [
    {
      type: 'InitialState',
      name: 'Trigger',
      properties: { offset: { x: 0, y: 0 }, flow_url: flowUrl },
      transitions: [
        { event: 'incomingMessage', conditions: [], next: null, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a01' },
        { event: 'incomingCall', conditions: [], next: menuSid, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a02' },
        { event: 'incomingRequest', conditions: [], next: null, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a03' },
      ],
      sid: triggerSid,
    },
    {
      type: 'Gather',
      name: 'menu',
      properties: {
        offset: { x: 100, y: 200 },
        timeout: 5,
        finish_on_key: '#',
        stop_gather: true,
        number_of_digits: 1,
        save_response_as: null,
        say: 'Press 1 to leave a message.',
        play: null,
        voice: 'alice',
        language: 'en-US',
        loop: 1,
        hints: null,
        gather_language: 'en',
      },
      transitions: [
        { event: 'keypress', conditions: [], next: choiceSid, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a04' },
        { event: 'speech', conditions: [], next: null, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a05' },
        { event: 'timeout', conditions: [], next: menuSid, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a06' },
      ],
      sid: menuSid,
    },
    {
      type: 'Branch',
      name: 'choice',
      properties: { offset: { x: 100, y: 400 }, input: '{{widgets.menu.Digits}}' },
      transitions: [
        { event: 'noMatch', conditions: [], next: null, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a07' },
        {
          event: 'match',
          conditions: [{ friendly_name: 'pressed_1', type: 'equal_to', arguments: ['{{widgets.menu.Digits}}'], value: '1' }],
          next: recordSid,
          uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a08',
        },
      ],
      sid: choiceSid,
    },
    {
      type: 'Record',
      name: 'record',
      properties: { offset: { x: 100, y: 600 }, timeout: 5, finish_on_key: '#', max_length: 120, transcribe: null, transcription_callback_url: null },
      transitions: [
        { event: 'recordingComplete', conditions: [], next: notifySid, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a09' },
        { event: 'noAudio', conditions: [], next: null, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a10' },
        { event: 'hangup', conditions: [], next: notifySid, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a11' },
      ],
      sid: recordSid,
    },
    {
      type: 'Message',
      name: 'notify',
      properties: {
        offset: { x: 100, y: 800 },
        body: 'New voicemail from {{trigger.call.From}}: {{widgets.record.RecordingUrl}}',
        from: '{{flow.channel.address}}',
        to: '+15005550006',
        media_url: null,
        service: null,
        channel: null,
        attributes: null,
      },
      transitions: [
        { event: 'sent', conditions: [], next: null, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a12' },
        { event: 'failed', conditions: [], next: null, uuid: '0b7c4a52-1a9e-4c2e-9f7e-2a1d5e0c9a13' },
      ],
      sid: notifySid,
    },
  ],
});

describe('convertLegacyDefinition', () => {
  it('converts a legacy export to the exact v2 definition', () => {
    expect(convertLegacyDefinition(legacyFlow())).toStrictEqual({
      description: 'After-hours voicemail',
      states: [
        {
          type: 'trigger',
          name: 'Trigger',
          properties: { offset: { x: 0, y: 0 } },
          transitions: [{ event: 'incomingMessage' }, { event: 'incomingCall', next: 'menu' }, { event: 'incomingRequest' }],
        },
        {
          type: 'gather-input-on-call',
          name: 'menu',
          properties: {
            offset: { x: 100, y: 200 },
            timeout: 5,
            finish_on_key: '#',
            stop_gather: true,
            number_of_digits: 1,
            say: 'Press 1 to leave a message.',
            voice: 'alice',
            language: 'en-US',
            loop: 1,
            gather_language: 'en',
          },
          transitions: [{ event: 'keypress', next: 'choice' }, { event: 'speech' }, { event: 'timeout', next: 'menu' }],
        },
        {
          type: 'split-based-on',
          name: 'choice',
          properties: { offset: { x: 100, y: 400 }, input: '{{widgets.menu.Digits}}' },
          transitions: [
            { event: 'noMatch' },
            {
              event: 'match',
              conditions: [{ friendly_name: 'pressed_1', type: 'equal_to', arguments: ['{{widgets.menu.Digits}}'], value: '1' }],
              next: 'record',
            },
          ],
        },
        {
          type: 'record-voicemail',
          name: 'record',
          properties: { offset: { x: 100, y: 600 }, timeout: 5, finish_on_key: '#', max_length: 120 },
          transitions: [{ event: 'recordingComplete', next: 'notify' }, { event: 'noAudio' }, { event: 'hangup', next: 'notify' }],
        },
        {
          type: 'send-message',
          name: 'notify',
          properties: {
            offset: { x: 100, y: 800 },
            body: 'New voicemail from {{trigger.call.From}}: {{widgets.record.RecordingUrl}}',
            from: '{{flow.channel.address}}',
            to: '+15005550006',
          },
          transitions: [{ event: 'sent' }, { event: 'failed' }],
        },
      ],
      initial_state: 'Trigger',
      flags: { allow_concurrent_calls: true },
    });
  });

  it('gives a definition the validator accepts, and leaves its input untouched', () => {
    const legacy = legacyFlow();
    const converted = convertLegacyDefinition(legacy);
    expect(validateDefinition(converted).errors).toEqual([]);
    expect(legacy).toStrictEqual(legacyFlow());
  });

  it('keeps unknown legacy types as they are, so the validator reports them', () => {
    const legacy = legacyFlow();
    legacy.states[4]!.type = 'Redirect';
    const converted = convertLegacyDefinition(legacy);
    expect(converted.states[4]!.type).toBe('Redirect');
    expect(validateDefinition(converted).errors).toEqual([{ property_path: '#/states/4/type', message: 'Unknown widget type "Redirect"' }]);
  });

  it('keeps a next that matches no SID, so the validator reports it', () => {
    const legacy = legacyFlow();
    legacy.states[3]!.transitions[0]!.next = sid('9');
    const converted = convertLegacyDefinition(legacy);
    expect(converted.states[3]!.transitions[0]).toEqual({ event: 'recordingComplete', next: sid('9') });
    expect(validateDefinition(converted).errors).toEqual([{ property_path: '#/states/3/transitions/0/next', message: `"${sid('9')}" names no state` }]);
  });
});

describe('isLegacyDefinition', () => {
  it('recognises a legacy export', () => {
    expect(isLegacyDefinition(legacyFlow())).toBe(true);
  });

  it('recognises legacy type names even without SIDs', () => {
    const { states } = legacyFlow();
    expect(isLegacyDefinition({ states: states.map(({ sid: _sid, ...state }) => state) })).toBe(true);
  });

  it('rejects v2 flows, including a converted one, and values that are not flows', () => {
    expect(isLegacyDefinition(convertLegacyDefinition(legacyFlow()))).toBe(false);
    expect(isLegacyDefinition(flowOf({ incomingCall: 'greet' }, widget('greet', 'say-play', { say: 'Hello' })))).toBe(false);
    for (const value of [null, undefined, 'text', 42, [], {}, { states: 'x' }, { states: [null, 1] }]) expect(isLegacyDefinition(value)).toBe(false);
  });
});
