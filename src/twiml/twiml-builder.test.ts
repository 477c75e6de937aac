import twilio from 'twilio';
import { describe, expect, it } from 'vitest';
import { messagingSchema } from './messaging-schema.ts';
import { parseTwiml } from './parse-twiml.ts';
import { messagingResponse, voiceResponse } from './responses.ts';
import { createBuilder } from './twiml-builder.ts';
import { printTwiml } from './twiml-node.ts';
import type { AttributeSpec, TwimlSchema } from './twiml-schema.ts';
import { validateTwiml, type TwimlFinding } from './validate-twiml.ts';
import { voiceSchema } from './voice-schema.ts';

/**
 * Our builder against the official `twilio` package: the same calls must print the same
 * document, for every parent > child pair the voice schema allows, and what the package prints
 * must parse, print back unchanged and validate clean.
 */

const { VoiceResponse, MessagingResponse } = twilio.twiml;

/** Either side's node, driven by method name. */
type AnyNode = { toString(): string } & Record<string, unknown>;
type Method = (...args: unknown[]) => AnyNode;

function call(node: AnyNode, method: string, args: unknown[]): AnyNode {
  const fn = node[method];
  if (typeof fn !== 'function') throw new Error(`no method ${method}`);
  return (fn as Method).apply(node, args);
}

/** Elements twilio-node 6.2's VoiceResponse has no method for (it predates `<Assistant>`); pairs under them are skipped too. */
const missingInTwilio = new Set(['Assistant']);
/** So these pairs are compared on our side only (they must still build, print back and validate clean). */
const skippedPairs = ['Connect>Assistant', 'Assistant>Language', 'Assistant>Parameter'];

/**
 * Pairs the schema allows but a rule deliberately warns about, with those warnings: top-level
 * Prompt and Queue (not walked through to reach deeper elements), and the sample `<Play digits>`
 * inside Gather.
 */
const warnedPairs = new Map<string, Array<Pick<TwimlFinding, 'code' | 'level' | 'path'>>>([
  ['Response>Prompt', [{ code: 12200, level: 'warning', path: '/Response/Prompt[1]' }]],
  ['Response>Queue', [{ code: 12200, level: 'warning', path: '/Response/Queue[1]' }]],
  ['Gather>Play', [{ code: 13320, level: 'warning', path: '/Response/Gather[1]/Play[1]' }]],
]);

/** Valid values for string attributes whose form the validator checks (the generic 'x' would be a finding). */
const validStrings: Record<string, string> = {
  'Gather.finishOnKey': '#',
  'Gather.speechTimeout': 'auto',
  'Play.digits': '1w2#',
  'Record.finishOnKey': '*#',
};

function sampleValue(element: string, name: string, spec: AttributeSpec): string | number | boolean | string[] {
  switch (spec.type) {
    case 'enum':
      return spec.values![0];
    case 'list':
      return [spec.values?.[0] ?? '1'];
    case 'boolean':
      return true;
    case 'integer':
    case 'number':
      return spec.min ?? 1;
    case 'url':
      return 'https://example.com/x';
    default:
      return validStrings[`${element}.${name}`] ?? 'x';
  }
}

function sampleAttributes(schema: TwimlSchema, element: string): Record<string, string | number | boolean | string[]> {
  return Object.fromEntries(Object.entries(schema[element].attributes).map(([name, spec]) => [name, sampleValue(element, name, spec)]));
}

function methodName(schema: TwimlSchema, element: string): string {
  return schema[element].method ?? element.charAt(0).toLowerCase() + element.slice(1);
}

interface Pair {
  parent: string;
  child: string;
  /** Elements from below Response down to the parent, by which the parent is reached. */
  path: string[];
}

/** Every parent > child pair reachable from Response, each once, breadth first (so by the shortest path). */
function walk(schema: TwimlSchema): Pair[] {
  const pairs: Pair[] = [];
  const reached = new Map<string, string[]>([['Response', []]]);
  const queue = ['Response'];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    const path = reached.get(parent)!;
    for (const child of schema[parent].children) {
      pairs.push({ parent, child, path });
      const key = `${parent}>${child}`;
      if (!reached.has(child) && !warnedPairs.has(key)) {
        reached.set(child, [...path, child]);
        queue.push(child);
      }
    }
  }
  return pairs;
}

/** The voice schema as a plain schema, to index by any element name. */
const voice: TwimlSchema = voiceSchema;
const voicePairs = walk(voice);

/** Builds Response > …path > child on one side; the path's elements are created bare, the child with sample attributes and text. */
function buildPair(root: AnyNode, schema: TwimlSchema, pair: Pair): AnyNode {
  let node = root;
  for (const element of pair.path) node = call(node, methodName(schema, element), []);
  const spec = schema[pair.child];
  const args: unknown[] = [sampleAttributes(schema, pair.child)];
  if (spec.text) args.push('text');
  call(node, methodName(schema, pair.child), args);
  return root;
}

const theirVoice = () => new VoiceResponse() as unknown as AnyNode;
const ourVoice = () => voiceResponse() as unknown as AnyNode;

describe('the voice schema walk', () => {
  it('visits every element the voice schema declares, and each pair once', () => {
    const keys = voicePairs.map((pair) => `${pair.parent}>${pair.child}`);
    expect(new Set(keys).size).toBe(keys.length);
    const visited = new Set(['Response', ...voicePairs.map((pair) => pair.child)]);
    expect([...visited].sort()).toEqual(Object.keys(voiceSchema).sort());
    // A few pairs that must be among them.
    expect(keys).toEqual(expect.arrayContaining(['Response>Say', 'Gather>Play', 'Dial>Number', 'Sip>Uri', 'Headers>Header', 'Say>say-as', 'Refer>Sip', 'Pay>Prompt', 'Prompt>Say']));
  });

  it('skips only the pairs twilio-node 6.2 has no method for', () => {
    expect(voicePairs.filter(isSkipped).map((pair) => `${pair.parent}>${pair.child}`)).toEqual(skippedPairs);
    for (const pair of voicePairs) {
      const key = `${pair.parent}>${pair.child}`;
      if (pair.path.some((element) => missingInTwilio.has(element))) continue;
      // Reach the parent through twilio's builder and look for the method.
      let node = theirVoice();
      for (const element of pair.path) node = call(node, methodName(voiceSchema, element), []);
      const has = typeof node[methodName(voiceSchema, pair.child)] === 'function';
      expect({ key, has }).toEqual({ key, has: !missingInTwilio.has(pair.child) });
    }
  });
});

function isSkipped(pair: Pair): boolean {
  return missingInTwilio.has(pair.child) || pair.path.some((element) => missingInTwilio.has(element));
}

const withNames = (pairs: Pair[]) => pairs.map((pair) => ({ ...pair, name: ['Response', ...pair.path, pair.child].join(' > ') }));
const named = withNames(voicePairs.filter((pair) => !isSkipped(pair)));

describe('voiceResponse() prints exactly like twilio VoiceResponse', () => {
  it.each(named)('$name', (pair) => {
    const theirs = buildPair(theirVoice(), voiceSchema, pair).toString();
    const ours = buildPair(ourVoice(), voiceSchema, pair).toString();
    expect(ours).toBe(theirs);
    // The document holds the child, with every sample attribute.
    expect(theirs).toContain(`<${pair.child}`);
  });

  it.each(named)('$name: the text argument is where twilio takes it', (pair) => {
    let node = theirVoice();
    for (const element of pair.path) node = call(node, methodName(voiceSchema, element), []);
    const method = node[methodName(voiceSchema, pair.child)] as Method;
    // twilio's generated methods are (attributes) or (attributes, text).
    expect(method.length).toBe(voice[pair.child].text ? 2 : 1);
  });
});

describe('what twilio VoiceResponse prints parses, prints back and validates', () => {
  it.each(named)('$name', (pair) => {
    const xml = buildPair(theirVoice(), voiceSchema, pair).toString();
    const parsed = parseTwiml(xml);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(printTwiml(parsed.root)).toBe(xml);
    const { valid, findings } = validateTwiml(xml, voiceSchema);
    const expected = warnedPairs.get(`${pair.parent}>${pair.child}`) ?? [];
    expect(findings.map(({ code, level, path }) => ({ code, level, path }))).toEqual(expected);
    expect(valid).toBe(true);
  });
});

describe('pairs twilio-node 6.2 cannot build, on our side only', () => {
  it.each(withNames(voicePairs.filter(isSkipped)))('$name', (pair) => {
    const xml = buildPair(ourVoice(), voiceSchema, pair).toString();
    expect(xml).toContain(`<${pair.child}`);
    const parsed = parseTwiml(xml);
    expect(parsed.ok && printTwiml(parsed.root)).toBe(xml);
    expect(validateTwiml(xml, voiceSchema)).toMatchObject({ valid: true, findings: [] });
  });
});

describe('messagingResponse() prints exactly like twilio MessagingResponse', () => {
  const build = (root: AnyNode) => {
    const message = call(root, 'message', [{ to: '+15555550100', from: '+15555550199', action: 'https://example.com/status', method: 'GET', statusCallback: '/status' }]);
    call(message, 'body', ['Your order & receipt']);
    call(message, 'media', ['https://example.com/cat.jpg']);
    call(message, 'media', [{}, 'https://example.com/dog.jpg']);
    call(root, 'message', ['Plain text reply']);
    call(root, 'redirect', [{ method: 'POST' }, '/next']);
    call(root, 'redirect', ['https://example.com/more']);
    return root;
  };

  it('message with to, from, action, method and statusCallback; body; media; redirect', () => {
    const theirs = build(new MessagingResponse() as unknown as AnyNode).toString();
    const ours = build(messagingResponse() as unknown as AnyNode).toString();
    expect(ours).toBe(theirs);
    expect(theirs).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response>' +
        '<Message to="+15555550100" from="+15555550199" action="https://example.com/status" method="GET" statusCallback="/status">' +
        '<Body>Your order &amp; receipt</Body><Media>https://example.com/cat.jpg</Media><Media>https://example.com/dog.jpg</Media></Message>' +
        '<Message>Plain text reply</Message><Redirect method="POST">/next</Redirect><Redirect>https://example.com/more</Redirect></Response>',
    );
  });

  it('what twilio prints parses, prints back and validates clean as messaging TwiML', () => {
    const xml = build(new MessagingResponse() as unknown as AnyNode).toString();
    const parsed = parseTwiml(xml);
    expect(parsed.ok && printTwiml(parsed.root)).toBe(xml);
    expect(validateTwiml(xml, messagingSchema)).toMatchObject({ valid: true, findings: [] });
  });

  it('every messaging pair, with sample attributes', () => {
    for (const pair of walk(messagingSchema)) {
      const theirs = buildPair(new MessagingResponse() as unknown as AnyNode, messagingSchema, pair).toString();
      const ours = buildPair(messagingResponse() as unknown as AnyNode, messagingSchema, pair).toString();
      expect(ours).toBe(theirs);
      expect(validateTwiml(theirs, messagingSchema).findings).toEqual([]);
    }
  });
});

describe('values print identically', () => {
  const special = `a & b < c > d " e ' f\ng\th\ri ü € 日本 😀 ]]> &amp;`;

  it('special characters in text and attributes', () => {
    const build = (root: AnyNode) => {
      call(root, 'say', [{ voice: special, language: special }, special]);
      call(root, 'play', [special]);
      call(call(root, 'gather', [{ action: 'https://example.com/?a=1&b=2', hints: special }]), 'say', [special]);
      return root;
    };
    const theirs = build(theirVoice()).toString();
    expect(build(ourVoice()).toString()).toBe(theirs);
    // What the package does with each character, so that a change in either shows.
    expect(theirs).toContain(`<Say voice="a &amp; b &lt; c > d &quot; e ' f&#xA;g&#x9;h&#xD;i ü € 日本 😀 ]]> &amp;amp;"`);
    expect(theirs).toContain(`>a &amp; b &lt; c &gt; d " e ' f\ng\th&#xD;i ü € 日本 😀 ]]&gt; &amp;amp;</Say>`);
  });

  it('special characters survive a parse and print', () => {
    const root = theirVoice();
    call(root, 'say', [{ voice: special }, special]);
    const xml = root.toString();
    const parsed = parseTwiml(xml);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(printTwiml(parsed.root)).toBe(xml);
    const say = parsed.root.children[0];
    expect(say).toMatchObject({ name: 'Say', attributes: { voice: special }, children: [special] });
  });

  it('numbers, booleans, arrays, empty strings, undefined and null', () => {
    const attributes = {
      numDigits: 4,
      timeout: 0,
      actionOnEmptyResult: true,
      bargeIn: false,
      input: ['dtmf', 'speech'],
      hints: ['one'],
      language: '',
      action: undefined,
      method: null,
      speechTimeout: 1.5,
    };
    const theirs = call(theirVoice(), 'gather', [attributes]).toString();
    const ours = call(ourVoice(), 'gather', [attributes]).toString();
    expect(ours).toBe(theirs);
    expect(theirs).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Gather numDigits="4" timeout="0" actionOnEmptyResult="true" bargeIn="false" input="dtmf speech" hints="one" language="" speechTimeout="1.5"/></Response>',
    );
  });

  it('numbers as text, and empty text', () => {
    const build = (root: AnyNode) => {
      call(root, 'say', [{}, 0]);
      call(root, 'say', [{}, '']);
      call(root, 'play', [5]);
      call(call(root, 'dial', []), 'number', [{}, 15555550100]);
      return root;
    };
    const theirs = build(theirVoice()).toString();
    expect(build(ourVoice()).toString()).toBe(theirs);
    expect(theirs).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>0</Say><Say/><Play>5</Play><Dial><Number>15555550100</Number></Dial></Response>');
  });

  it("the text-only call form: say('Hello')", () => {
    const theirs = new VoiceResponse();
    theirs.say('Hello');
    theirs.dial('+15555550100');
    const ours = voiceResponse();
    ours.say('Hello');
    ours.dial('+15555550100');
    expect(ours.toString()).toBe(theirs.toString());
    expect(ours.toString()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response><Say>Hello</Say><Dial>+15555550100</Dial></Response>');
  });

  it('an empty document', () => {
    expect(voiceResponse().toString()).toBe(new VoiceResponse().toString());
    expect(messagingResponse().toString()).toBe(new MessagingResponse().toString());
    expect(voiceResponse().toString()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response/>');
  });
});

describe('generic nodes, text and comments', () => {
  it('addChild, addText and comment', () => {
    const build = (root: AnyNode) => {
      call(root, 'comment', ['start here']);
      const say = call(root, 'say', [{ voice: 'alice' }, 'Hello']);
      call(say, 'addText', [' and & more']);
      const custom = call(say, 'addChild', ['custom-tag', { a: 1, b: true, c: ['x', 'y'] }]);
      call(custom, 'addText', ['inside']);
      call(custom, 'addChild', ['Leaf']);
      const unknown = call(root, 'addChild', ['Unknown', {}]);
      call(unknown, 'addText', ['<text>']);
      call(root, 'comment', ['end']);
      return root;
    };
    const theirs = build(theirVoice()).toString();
    expect(build(ourVoice()).toString()).toBe(theirs);
    expect(theirs).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><!-- start here --><Say voice="alice">Hello and &amp; more<custom-tag a="1" b="true" c="x y">inside<Leaf/></custom-tag></Say>' +
        '<Unknown>&lt;text&gt;</Unknown><!-- end --></Response>',
    );
  });

  it('the same for messaging', () => {
    const build = (root: AnyNode) => {
      call(root, 'comment', ['reply']);
      const message = call(root, 'message', []);
      call(message, 'addText', ['Hi']);
      call(message, 'addChild', ['Body', { lang: 'en' }]);
      return root;
    };
    const theirs = build(new MessagingResponse() as unknown as AnyNode).toString();
    expect(build(messagingResponse() as unknown as AnyNode).toString()).toBe(theirs);
  });

  it('comments parse and print back', () => {
    const root = theirVoice();
    call(root, 'comment', ['a comment']);
    call(root, 'hangup', []);
    const xml = root.toString();
    const parsed = parseTwiml(xml);
    expect(parsed.ok && printTwiml(parsed.root)).toBe(xml);
    expect(validateTwiml(xml, voiceSchema).findings).toEqual([]);
  });

  it('refuses what twilio refuses: a comment with --, characters XML does not allow in text', () => {
    const attempts: Array<[string, (root: AnyNode) => unknown, RegExp]> = [
      ['comment with --', (root) => call(root, 'comment', ['a -- b']), /^Comment text cannot contain double-hypen: a -- b$/],
      ['NUL in text', (root) => call(root, 'say', ['a\u0000b']), /^Invalid character in string: /],
      ['vertical tab in text', (root) => call(root, 'say', [{ voice: 'alice' }, 'a\u000bb']), /^Invalid character in string: /],
      ['lone surrogate in text', (root) => call(root, 'play', ['a\ud800b']), /^Invalid character in string: /],
      ['U+FFFE in addText', (root) => call(call(root, 'say', []), 'addText', ['\ufffe']), /^Invalid character in string: /],
      ['control character in a comment', (root) => call(root, 'comment', ['\u0001']), /^Invalid character in string: /],
    ];
    for (const [name, attempt, message] of attempts) {
      expect(() => attempt(theirVoice()), name).toThrow(message);
      expect(() => attempt(ourVoice()), name).toThrow(message);
    }
    // What is allowed on both sides: a trailing dash in a comment, and any character in an attribute (not checked by either).
    const build = (root: AnyNode) => {
      call(root, 'comment', ['trailing-']);
      call(root, 'say', [{ voice: 'a\u0001b' }, 'tab\tnewline\ncr\r astral 😀']);
      return root;
    };
    expect(build(ourVoice()).toString()).toBe(build(theirVoice()).toString());
  });

  it('toString() on a nested node prints the whole document', () => {
    const build = (root: AnyNode) => {
      const gather = call(root, 'gather', [{ numDigits: 1 }]);
      const say = call(gather, 'say', ['Press 1']);
      const prosody = call(say, 'prosody', [{ rate: '90%' }, 'slowly']);
      call(root, 'hangup', []);
      return [root, gather, say, prosody];
    };
    const theirs = build(theirVoice()).map(String);
    const ours = build(ourVoice()).map(String);
    expect(ours).toEqual(theirs);
    expect(new Set(theirs).size).toBe(1);
    expect(theirs[0]).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Gather numDigits="1"><Say>Press 1<prosody rate="90%">slowly</prosody></Say></Gather><Hangup/></Response>',
    );
  });

  it('the typed builder offers each element its own children only', () => {
    const response = createBuilder(voiceSchema, 'Response');
    const gather = response.gather({ input: ['dtmf', 'speech'], numDigits: 1 });
    gather.say('Press 1').sayAs({ 'interpret-as': 'digits' }, '123');
    expect('dial' in gather).toBe(false);
    expect('say' in gather).toBe(true);
    expect('number' in response).toBe(false);
    expect(response.toString()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Gather input="dtmf speech" numDigits="1"><Say>Press 1<say-as interpret-as="digits">123</say-as></Say></Gather></Response>',
    );
  });
});
