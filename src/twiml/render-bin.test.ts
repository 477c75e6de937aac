import { describe, expect, it } from 'vitest';
import { checkBinTemplate, renderBin } from './render-bin.ts';

describe('TwiML Bin templates', () => {
  it('inserts request parameters, with or without spaces inside the braces', () => {
    expect(renderBin('<Say>Hi {{From}}, you said {{ Body }}</Say>', { From: '+15550001111', Body: 'yes' })).toBe('<Say>Hi +15550001111, you said yes</Say>');
  });

  it('renders a missing parameter as nothing', () => {
    expect(renderBin('<Say>[{{Digits}}]</Say>', {})).toBe('<Say>[]</Say>');
  });

  it('escapes values for XML', () => {
    expect(renderBin('<Say voice="{{Voice}}">{{Body}}</Say>', { Body: `a<b & 'c'`, Voice: '"x"' })).toBe('<Say voice="&quot;x&quot;">a&lt;b &amp; &apos;c&apos;</Say>');
  });

  it('renders sections when a value is present and inverted sections when it is not', () => {
    const template = '{{#Digits}}<Say>You pressed {{Digits}}</Say>{{/Digits}}{{^Digits}}<Say>Nothing</Say>{{/Digits}}';
    expect(renderBin(template, { Digits: '4' })).toBe('<Say>You pressed 4</Say>');
    expect(renderBin(template, {})).toBe('<Say>Nothing</Say>');
  });

  it('iterates list parameters given as Name[]', () => {
    const template = '<Dial>{{#Dest}}<Number>{{.}}</Number>{{/Dest}}</Dial>';
    expect(renderBin(template, { 'Dest[]': ['+12025550100', '+17035550100'] })).toBe('<Dial><Number>+12025550100</Number><Number>+17035550100</Number></Dial>');
    expect(renderBin(template, { 'Dest[]': '+12025550100' })).toBe('<Dial><Number>+12025550100</Number></Dial>');
  });

  it('takes the E.164 number out of a SIP URI with e164', () => {
    expect(renderBin('<Dial>{{#e164}}{{To}}{{/e164}}</Dial>', { To: 'sip:+15125551212@mydomain.sip.us1.twilio.com' })).toBe('<Dial>+15125551212</Dial>');
    expect(renderBin('{{#e164}}{{To}}{{/e164}}', { To: 'sip:15125551212@example.com' })).toBe('+15125551212');
    expect(renderBin('{{#e164}}{{To}}{{/e164}}', { To: 'alice' })).toBe('alice');
  });

  it('says why a template cannot be rendered', () => {
    expect(checkBinTemplate('<Say>{{#Digits}}open</Say>')).toMatch(/Unclosed section "Digits"/);
    expect(checkBinTemplate('<Say>{{From}}</Say>')).toBeUndefined();
  });
});
