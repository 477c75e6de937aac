import { describe, expect, it } from 'vitest';
import { messagingSchema } from './messaging-schema.ts';
import { parseTwiml } from './parse-twiml.ts';
import { validateTwiml, type TwimlFinding } from './validate-twiml.ts';
import { voiceSchema } from './voice-schema.ts';

/** Twilio's TwiML findings: one test per rule and code, with the code, level and path. */

type Brief = Pick<TwimlFinding, 'code' | 'level' | 'path'>;

const brief = (findings: TwimlFinding[]): Brief[] => findings.map(({ code, level, path }) => ({ code, level, path }));
const voice = (xml: string) => validateTwiml(xml, voiceSchema);
const messaging = (xml: string) => validateTwiml(xml, messagingSchema);
const warning = (code: number, path: string): Brief => ({ code, level: 'warning', path });
const error = (code: number, path: string): Brief => ({ code, level: 'error', path });

describe('12100: not well-formed XML is an error, and nothing else is reported', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['an unclosed element', '<Response><Say>Hi</Response>', /Expected closing tag 'Say'/],
    ['a document cut short', '<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hi', /Not well-formed XML/],
    ['misnested elements', '<Response><Say><Play></Say></Play></Response>', /Expected closing tag 'Play'/],
    ['garbage text', 'this is not TwiML at all', /Not well-formed XML at line 1, column 1/],
    ['JSON', '{"twiml": "<Response/>"}', /Not well-formed XML/],
    ['an empty string', '', /empty/],
    ['only white space', ' \n\t ', /empty/],
    ['a blank line before the XML declaration', '\n<?xml version="1.0" encoding="UTF-8"?><Response/>', /white space before the XML declaration/],
    ['a space before the XML declaration', ' <?xml version="1.0" encoding="UTF-8"?><Response/>', /white space before the XML declaration/],
    ['a root other than Response', '<?xml version="1.0" encoding="UTF-8"?><Say>Hi</Say>', /root element must be <Response>, not <Say>/],
    ['a lower-case root', '<response><Say>Hi</Say></response>', /not <response>/],
    ['two roots', '<Response><Say>Hi</Say></Response><Response/>', /one root element, not 2/],
    ['text after a self-closed root', '<Response/>garbage', /text after the root element/],
    ['text after the root', '<Response></Response>garbage', /Extra text at the end/],
    ['a bare ampersand', '<Response><Say>Fish & chips</Say></Response>', /'&' is not expected/],
    ['a repeated attribute', '<Response><Say loop="1" loop="2">Hi</Say></Response>', /'loop' is repeated/],
    // The validator lets these through and the parser throws; a parse failure all the same.
    ['an unclosed quote in the XML declaration', '<?xml version="1.0" encoding="UTF-8?><Response/>', /cannot be read: Pi Tag is not closed/],
    ['a missing quote in the XML declaration', '<?xml version="1.0" encoding=UTF-8"?><Response/>', /cannot be read/],
    ['a control character in text', '<Response><Say>Hello\u0007</Say></Response>', /character XML does not allow \(U\+0007\) at offset 20/],
    ['a NUL in an attribute', '<Response><Say voice="a\u0000">Hi</Say></Response>', /U\+0000/],
    ['only an XML declaration', '<?xml version="1.0" encoding="UTF-8"?>', /Not well-formed XML/],
  ];

  it.each(cases)('%s', (_name, xml, message) => {
    for (const schema of [voiceSchema, messagingSchema]) {
      const result = validateTwiml(xml, schema);
      expect(result.valid).toBe(false);
      expect(brief(result.findings)).toEqual([error(12100, '/')]);
      expect(result.findings[0].message).toMatch(message);
      expect(result.root).toBeUndefined();
    }
  });

  it('parseTwiml says the same', () => {
    expect(parseTwiml('<Response><Say>Hi</Response>')).toMatchObject({ ok: false, code: 12100 });
    expect(parseTwiml('<Response/>')).toEqual({ ok: true, root: { name: 'Response', attributes: {}, children: [] } });
  });

  it('accepts what is well-formed around the root: a declaration, comments, processing instructions, trailing white space', () => {
    for (const xml of [
      '<?xml version="1.0" encoding="UTF-8"?><Response/>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<Response>\n  <Hangup/>\n</Response>\n',
      '<!-- before --><Response/><!-- after -->',
      '<?xml version="1.0"?><?xml-stylesheet href="x"?><Response/>',
      '<Response></Response>',
      '<Response><Say><![CDATA[1 < 2 & 3]]></Say></Response>',
    ]) {
      expect(voice(xml), xml).toMatchObject({ valid: true, findings: [] });
    }
  });
});

describe('12200: what the schema does not know', () => {
  it('an unknown element', () => {
    expect(brief(voice('<Response><Say>Hi</Say><Speak>Hi</Speak></Response>').findings)).toEqual([warning(12200, '/Response/Speak[1]')]);
  });

  it('element names are case-sensitive', () => {
    expect(brief(voice('<Response><say>Hi</say></Response>').findings)).toEqual([warning(12200, '/Response/say[1]')]);
  });

  it('an unknown attribute, and attribute names are case-sensitive', () => {
    const result = voice('<Response><Say lang="en-US">Hi</Say><Gather NumDigits="1"/></Response>');
    expect(brief(result.findings)).toEqual([warning(12200, '/Response/Say[1]'), warning(12200, '/Response/Gather[1]')]);
    expect(result.findings[0].message).toContain('"lang"');
    expect(result.findings[1].message).toContain('"NumDigits"');
    expect(result.valid).toBe(true);
  });

  it('an attribute on Response', () => {
    expect(brief(voice('<Response foo="bar"/>').findings)).toEqual([warning(12200, '/Response')]);
  });

  it('Message inside a voice Response', () => {
    expect(brief(voice('<Response><Message>Hi</Message></Response>').findings)).toEqual([warning(12200, '/Response/Message[1]')]);
  });

  it('a voice verb nested where it may not be (not in Gather)', () => {
    expect(brief(voice('<Response><Dial><Say>Hi</Say></Dial></Response>').findings)).toEqual([warning(12200, '/Response/Dial[1]/Say[1]')]);
    expect(brief(voice('<Response><Say><Play>https://example.com/a.mp3</Play></Say></Response>').findings)).toEqual([warning(12200, '/Response/Say[1]/Play[1]')]);
    expect(brief(voice('<Response><Record><Say>Hi</Say></Record></Response>').findings)).toEqual([warning(12200, '/Response/Record[1]/Say[1]')]);
  });

  it('a messaging element nested where it may not be', () => {
    expect(brief(messaging('<Response><Message><Redirect>/x</Redirect></Message></Response>').findings)).toEqual([warning(12200, '/Response/Message[1]/Redirect[1]')]);
  });

  it('text where none is allowed', () => {
    expect(brief(voice('<Response>Hello<Hangup/></Response>').findings)).toEqual([warning(12200, '/Response')]);
    expect(brief(voice('<Response><Gather>Press 1</Gather></Response>').findings)).toEqual([warning(12200, '/Response/Gather[1]')]);
    expect(brief(voice('<Response><Pause>5</Pause></Response>').findings)).toEqual([warning(12200, '/Response/Pause[1]')]);
    expect(brief(messaging('<Response>Thanks<Message>Hi</Message></Response>').findings)).toEqual([warning(12200, '/Response')]);
  });

  it('white space between elements is not text', () => {
    expect(voice('<Response>\n  <Gather>\n    <Say>Hi</Say>\n  </Gather>\n</Response>').findings).toEqual([]);
  });

  it('more than 10 Numbers in a Dial, or 10 Clients', () => {
    const numbers = (n: number) => `<Response><Dial>${'<Number>+15555550100</Number>'.repeat(n)}</Dial></Response>`;
    expect(brief(voice(numbers(11)).findings)).toEqual([warning(12200, '/Response/Dial[1]')]);
    expect(voice(numbers(11)).findings[0].message).toContain('not 11');
    expect(voice(numbers(10)).findings).toEqual([]);
    const clients = (n: number) => `<Response><Dial>${'<Client>alice</Client>'.repeat(n)}</Dial></Response>`;
    expect(brief(voice(clients(11)).findings)).toEqual([warning(12200, '/Response/Dial[1]')]);
    expect(voice(clients(10)).findings).toEqual([]);
  });

  it('top-level Prompt and Queue are warned about; inside Pay and Dial they are fine', () => {
    const result = voice('<Response><Prompt for="payment-card-number"><Say>Card?</Say></Prompt><Queue>support</Queue></Response>');
    expect(brief(result.findings)).toEqual([warning(12200, '/Response/Prompt[1]'), warning(12200, '/Response/Queue[1]')]);
    expect(result.findings[0].message).toContain('<Pay>');
    expect(result.findings[1].message).toContain('<Dial>');
    expect(result.valid).toBe(true);
    expect(voice('<Response><Pay><Prompt for="payment-card-number"><Say>Card?</Say></Prompt></Pay><Dial><Queue>support</Queue></Dial></Response>').findings).toEqual([]);
  });

  it('a bad value for an attribute without a code of its own', () => {
    expect(brief(voice('<Response><Dial ringTone="mars">1</Dial></Response>').findings)).toEqual([warning(12200, '/Response/Dial[1]')]);
    expect(brief(voice('<Response><Gather bargeIn="maybe"/></Response>').findings)).toEqual([warning(12200, '/Response/Gather[1]')]);
    expect(brief(voice('<Response><Gather action="http://exa mple.com"/></Response>').findings)).toEqual([warning(12200, '/Response/Gather[1]')]);
  });
});

describe('specific nesting codes', () => {
  it('Dial in Gather → 13320', () => {
    const result = voice('<Response><Gather><Dial>+15555550100</Dial></Gather></Response>');
    expect(brief(result.findings)).toEqual([warning(13320, '/Response/Gather[1]/Dial[1]')]);
    expect(result.valid).toBe(true);
  });

  it('an unknown element in Gather → 13320', () => {
    expect(brief(voice('<Response><Gather><Speak/></Gather></Response>').findings)).toEqual([warning(13320, '/Response/Gather[1]/Speak[1]')]);
  });

  it('Say, Play and Pause in Gather are fine', () => {
    expect(voice('<Response><Gather><Say>Hi</Say><Play>https://example.com/a.mp3</Play><Pause/></Gather></Response>').findings).toEqual([]);
  });

  it('<Play digits> inside Gather → 13320', () => {
    expect(brief(voice('<Response><Gather><Play digits="1234"/></Gather></Response>').findings)).toEqual([warning(13320, '/Response/Gather[1]/Play[1]')]);
    expect(voice('<Response><Play digits="1234"/></Response>').findings).toEqual([]);
  });

  it('Say inside a messaging Response → 14110', () => {
    const result = messaging('<Response><Say>Hi</Say><Message>Hi</Message></Response>');
    expect(brief(result.findings)).toEqual([warning(14110, '/Response/Say[1]')]);
    expect(result.valid).toBe(true);
  });

  it('any voice verb or unknown element in a messaging Response → 14110', () => {
    expect(brief(messaging('<Response><Dial>1</Dial><Foo/></Response>').findings)).toEqual([warning(14110, '/Response/Dial[1]'), warning(14110, '/Response/Foo[1]')]);
  });

  it('Conference mixed with Number in a Dial → 13000', () => {
    const result = voice('<Response><Dial><Number>+15555550100</Number><Conference>room</Conference></Dial></Response>');
    expect(brief(result.findings)).toEqual([warning(13000, '/Response/Dial[1]')]);
    expect(voice('<Response><Dial><Conference>room</Conference></Dial></Response>').findings).toEqual([]);
    expect(voice('<Response><Dial><Number>+15555550100</Number><Client>alice</Client></Dial></Response>').findings).toEqual([]);
  });
});

describe('bad attribute values, with their codes and levels (reference §10)', () => {
  const cases: Array<[string, string, Brief]> = [
    ['Gather method', '<Response><Gather method="PUT"/></Response>', warning(13312, '/Response/Gather[1]')],
    ['Gather method is case-sensitive', '<Response><Gather method="post"/></Response>', warning(13312, '/Response/Gather[1]')],
    ['Gather timeout below 0', '<Response><Gather timeout="-1"/></Response>', warning(13313, '/Response/Gather[1]')],
    ['Gather timeout not a number', '<Response><Gather timeout="soon"/></Response>', warning(13313, '/Response/Gather[1]')],
    ['Gather numDigits 0', '<Response><Gather numDigits="0"/></Response>', warning(13314, '/Response/Gather[1]')],
    ['Gather numDigits not whole', '<Response><Gather numDigits="1.5"/></Response>', warning(13314, '/Response/Gather[1]')],
    ['Gather finishOnKey two keys', '<Response><Gather finishOnKey="##"/></Response>', warning(13310, '/Response/Gather[1]')],
    ['Gather finishOnKey a letter', '<Response><Gather finishOnKey="a"/></Response>', warning(13310, '/Response/Gather[1]')],
    ['Gather input', '<Response><Gather input="dtmf keypad"/></Response>', warning(13326, '/Response/Gather[1]')],
    ['Gather speechTimeout', '<Response><Gather speechTimeout="soon"/></Response>', warning(13327, '/Response/Gather[1]')],
    ['Gather actionOnEmptyResult (an error)', '<Response><Gather actionOnEmptyResult="yes"/></Response>', error(13338, '/Response/Gather[1]')],
    ['Say loop negative', '<Response><Say loop="-1">Hi</Say></Response>', warning(13510, '/Response/Say[1]')],
    ['Say loop not a number', '<Response><Say loop="twice">Hi</Say></Response>', warning(13510, '/Response/Say[1]')],
    ['Play loop', '<Response><Play loop="1.5">https://example.com/a.mp3</Play></Response>', warning(13410, '/Response/Play[1]')],
    ['Play digits', '<Response><Play digits="12x"/></Response>', warning(13430, '/Response/Play[1]')],
    ['Record maxLength', '<Response><Record maxLength="0"/></Response>', warning(13612, '/Response/Record[1]')],
    ['Record playBeep', '<Response><Record playBeep="yes"/></Response>', warning(13616, '/Response/Record[1]')],
    ['Record playBeep is case-sensitive', '<Response><Record playBeep="True"/></Response>', warning(13616, '/Response/Record[1]')],
    ['Record method', '<Response><Record method="PUT"/></Response>', warning(13610, '/Response/Record[1]')],
    ['Record timeout', '<Response><Record timeout="-5"/></Response>', warning(13611, '/Response/Record[1]')],
    ['Record finishOnKey', '<Response><Record finishOnKey="a"/></Response>', warning(13613, '/Response/Record[1]')],
    ['Record transcribe', '<Response><Record transcribe="1"/></Response>', warning(13614, '/Response/Record[1]')],
    ['Redirect method', '<Response><Redirect method="get">/next</Redirect></Response>', warning(13710, '/Response/Redirect[1]')],
    ['Pause length', '<Response><Pause length="abc"/></Response>', warning(13910, '/Response/Pause[1]')],
    ['Dial timeout above 600', '<Response><Dial timeout="601">+15555550100</Dial></Response>', warning(13212, '/Response/Dial[1]')],
    ['Dial timeout below 5', '<Response><Dial timeout="4">+15555550100</Dial></Response>', warning(13212, '/Response/Dial[1]')],
    ['Dial timeLimit', '<Response><Dial timeLimit="0">+15555550100</Dial></Response>', warning(13216, '/Response/Dial[1]')],
    ['Dial record', '<Response><Dial record="always">+15555550100</Dial></Response>', warning(13217, '/Response/Dial[1]')],
    ['Dial sequential', '<Response><Dial sequential="yes">+15555550100</Dial></Response>', warning(13218, '/Response/Dial[1]')],
    ['Reject reason', '<Response><Reject reason="nope"/></Response>', warning(13810, '/Response/Reject[1]')],
    ['Enqueue method (an error)', '<Response><Enqueue method="PUT">support</Enqueue></Response>', error(14201, '/Response/Enqueue[1]')],
  ];

  it.each(cases)('%s', (_name, xml, expected) => {
    const result = voice(xml);
    expect(brief(result.findings)).toEqual([expected]);
    expect(result.valid).toBe(expected.level !== 'error');
  });

  it('valid values give no finding', () => {
    const xml =
      '<Response><Gather method="GET" timeout="0" numDigits="1" finishOnKey="" input="speech dtmf" speechTimeout="auto" actionOnEmptyResult="false"><Say loop="0">Hi</Say></Gather>' +
      '<Gather finishOnKey="*" speechTimeout="3"/><Play loop="10" digits="1w2W#*AD">https://example.com/a.mp3</Play><Record maxLength="1" playBeep="false" finishOnKey="1234567890*#" timeout="0"/>' +
      '<Dial timeout="5">+15555550100</Dial><Dial timeout="600" record="true">+15555550100</Dial><Redirect method="GET">/next</Redirect><Pause length="0"/><Enqueue method="GET">support</Enqueue></Response>';
    expect(voice(xml).findings).toEqual([]);
  });

  it('messaging: Message and Redirect method → 14104', () => {
    const result = messaging('<Response><Message method="PUT">Hi</Message><Redirect method="DELETE">/next</Redirect></Response>');
    expect(brief(result.findings)).toEqual([warning(14104, '/Response/Message[1]'), warning(14104, '/Response/Redirect[1]')]);
    expect(result.valid).toBe(true);
  });

  it('messaging: Message statusCallback that is not a URL → 14105', () => {
    expect(brief(messaging('<Response><Message statusCallback="not a url">Hi</Message></Response>').findings)).toEqual([warning(14105, '/Response/Message[1]')]);
  });

  it('several findings on one element come in attribute order', () => {
    const result = voice('<Response><Gather method="PUT" timeout="x" numDigits="0"/></Response>');
    expect(result.findings.map((finding) => finding.code)).toEqual([13312, 13313, 13314]);
  });
});

describe('content rules', () => {
  it('an empty Say → 13520', () => {
    expect(brief(voice('<Response><Say/></Response>').findings)).toEqual([warning(13520, '/Response/Say[1]')]);
    expect(brief(voice('<Response><Say>   </Say></Response>').findings)).toEqual([warning(13520, '/Response/Say[1]')]);
    // SSML alone is something to say.
    expect(voice('<Response><Say><break time="1s"/></Say></Response>').findings).toEqual([]);
  });

  it('a Say over 4096 characters → 13521', () => {
    const result = voice(`<Response><Say>${'a'.repeat(4097)}</Say></Response>`);
    expect(brief(result.findings)).toEqual([warning(13521, '/Response/Say[1]')]);
    expect(result.findings[0].message).toContain('4097');
    expect(voice(`<Response><Say>${'a'.repeat(4096)}</Say></Response>`).findings).toEqual([]);
  });

  it('an Enqueue with no queue name → 14204, an error', () => {
    const result = voice('<Response><Enqueue/></Response>');
    expect(brief(result.findings)).toEqual([error(14204, '/Response/Enqueue[1]')]);
    expect(result.valid).toBe(false);
    expect(brief(voice('<Response><Enqueue>  </Enqueue></Response>').findings)).toEqual([error(14204, '/Response/Enqueue[1]')]);
    // TaskRouter needs no name.
    expect(voice('<Response><Enqueue workflowSid="WW0123456789abcdef0123456789abcdef"/></Response>').findings).toEqual([]);
    expect(voice('<Response><Enqueue><Task>{"a":1}</Task></Enqueue></Response>').findings).toEqual([]);
  });

  it('an Enqueue name over 64 characters → 14205, an error', () => {
    const result = voice(`<Response><Enqueue>${'q'.repeat(65)}</Enqueue></Response>`);
    expect(brief(result.findings)).toEqual([error(14205, '/Response/Enqueue[1]')]);
    expect(result.valid).toBe(false);
    expect(voice(`<Response><Enqueue>${'q'.repeat(64)}</Enqueue></Response>`).findings).toEqual([]);
  });
});

describe('levels, validity and paths', () => {
  it('levels follow the reference §10 table', () => {
    const levels = (xml: string) => voice(xml).findings.map((finding) => [finding.code, finding.level]);
    expect(levels('<Response><Gather actionOnEmptyResult="x"/></Response>')).toEqual([[13338, 'error']]);
    expect(levels('<Response><Enqueue/></Response>')).toEqual([[14204, 'error']]);
    expect(levels('<Response><Gather timeout="x"/></Response>')).toEqual([[13313, 'warning']]);
    expect(levels('<Response><Foo/></Response>')).toEqual([[12200, 'warning']]);
    expect(levels('<Response><Dial><Number>1</Number><Conference>c</Conference></Dial></Response>')).toEqual([[13000, 'warning']]);
    expect(levels('<Response')).toEqual([[12100, 'error']]);
  });

  it('valid is false exactly when an error-level finding exists', () => {
    const samples = [
      '<Response/>',
      '<Response><Foo/></Response>',
      '<Response><Gather timeout="x"><Dial/></Gather></Response>',
      '<Response><Gather actionOnEmptyResult="x"/></Response>',
      '<Response><Enqueue/><Say/></Response>',
      `<Response><Enqueue>${'q'.repeat(65)}</Enqueue></Response>`,
      '<Response><Enqueue method="x">q</Enqueue></Response>',
      '<Response>',
    ];
    const outcomes = samples.map((xml) => {
      const { valid, findings } = voice(xml);
      expect(valid).toBe(!findings.some((finding) => finding.level === 'error'));
      return valid;
    });
    expect(outcomes).toEqual([true, true, true, false, false, false, false, false]);
  });

  it('paths count same-name siblings from 1, at every level', () => {
    const result = voice(
      '<Response><Say>a</Say><Play>https://example.com/a.mp3</Play><Say loop="x">b</Say>' +
        '<Gather><Say>c</Say><Pause/><Say loop="y">d</Say></Gather><Gather><Dial/></Gather></Response>',
    );
    expect(brief(result.findings)).toEqual([
      warning(13510, '/Response/Say[2]'),
      warning(13510, '/Response/Gather[1]/Say[2]'),
      warning(13320, '/Response/Gather[2]/Dial[1]'),
    ]);
  });

  it('every finding has a message', () => {
    const result = voice('<Response foo="1"><Gather method="x"><Dial/></Gather><Say/><Enqueue/></Response>');
    expect(result.findings.map((finding) => finding.code)).toEqual([12200, 13312, 13320, 13520, 14204]);
    for (const finding of result.findings) expect(finding.message.length).toBeGreaterThan(5);
  });

  it('returns the parsed root when the document parses', () => {
    expect(voice('<Response><Hangup/></Response>').root).toEqual({ name: 'Response', attributes: {}, children: [{ name: 'Hangup', attributes: {}, children: [] }] });
  });
});

describe('garbage never throws', () => {
  /** A small seeded generator, so a failure can be replayed. */
  function random(seed: number) {
    let state = seed >>> 0;
    return () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return state / 2 ** 32;
    };
  }

  const check = (xml: string) => {
    let result: ReturnType<typeof voice> | undefined;
    expect(() => (result = voice(xml))).not.toThrow();
    expect(() => messaging(xml)).not.toThrow();
    expect(result!.valid).toBe(!result!.findings.some((finding) => finding.level === 'error'));
    return result!;
  };

  it('random strings', () => {
    const next = random(12345);
    const alphabet = '<>/="\' \n\t&;#!?-[]abcSayResponseGatherDial01xml';
    for (let i = 0; i < 2000; i++) {
      const length = Math.floor(next() * 80);
      let xml = '';
      for (let j = 0; j < length; j++) xml += alphabet[Math.floor(next() * alphabet.length)];
      check(xml);
    }
  });

  it('random mutations of valid TwiML', () => {
    const next = random(99);
    const base = '<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf speech" numDigits="1"><Say voice="alice">Press &amp; hold</Say></Gather><Dial><Number>+15555550100</Number></Dial></Response>';
    for (let i = 0; i < 2000; i++) {
      const chars = [...base];
      for (let k = 0; k < 3; k++) {
        const at = Math.floor(next() * chars.length);
        const op = next();
        if (op < 0.33) chars.splice(at, 1);
        else if (op < 0.66) chars.splice(at, 0, '<>/"&='[Math.floor(next() * 6)]);
        else chars[at] = String.fromCharCode(Math.floor(next() * 128));
      }
      check(chars.join(''));
    }
  });

  it('binary-ish text', () => {
    const next = random(7);
    for (let i = 0; i < 200; i++) {
      let xml = '';
      for (let j = 0; j < 200; j++) xml += String.fromCharCode(Math.floor(next() * 0x10000));
      expect(check(xml).valid).toBe(false);
    }
    expect(check('\u0000\u0001\uFFFE\uFFFF\uD800').findings[0].code).toBe(12100);
    expect(brief(check('<Response><Say>a\u0000b</Say></Response>').findings)).toEqual([error(12100, '/')]);
    expect(check(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]).toString('utf8')).findings[0].code).toBe(12100);
  });

  it('deep nesting: 5,000 nested Say tags', () => {
    const xml = `<Response>${'<Say>'.repeat(5000)}Hi${'</Say>'.repeat(5000)}</Response>`;
    const result = check(xml);
    expect(brief(result.findings)).toEqual([error(12100, '/')]);
  });

  it('deep nesting within the parser limit is checked element by element', () => {
    const xml = `<Response>${'<Say>'.repeat(50)}Hi${'</Say>'.repeat(50)}</Response>`;
    const result = check(xml);
    expect(result.findings.length).toBe(49);
    expect(result.findings.every((finding) => finding.code === 12200)).toBe(true);
  });

  it('a 1 MB document', () => {
    const say = '<Say voice="alice">Hello there</Say>';
    const xml = `<Response>${say.repeat(Math.ceil(1_000_000 / say.length))}</Response>`;
    expect(xml.length).toBeGreaterThan(1_000_000);
    const started = Date.now();
    expect(check(xml)).toMatchObject({ valid: true, findings: [] });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('a 1 MB document full of problems', () => {
    const xml = `<Response>${'<Gather timeout="x"><Dial/></Gather>'.repeat(30_000)}</Response>`;
    expect(xml.length).toBeGreaterThan(1_000_000);
    const result = check(xml);
    expect(result.findings.length).toBe(60_000);
    expect(result.findings.at(-1)).toMatchObject({ code: 13320, path: '/Response/Gather[30000]/Dial[1]' });
  });

  it('a 1 MB text node and a 1 MB attribute', () => {
    expect(brief(check(`<Response><Say>${'a'.repeat(1_000_000)}</Say></Response>`).findings)).toEqual([warning(13521, '/Response/Say[1]')]);
    expect(check(`<Response><Say voice="${'v'.repeat(1_000_000)}">Hi</Say></Response>`).findings).toEqual([]);
  });
});
