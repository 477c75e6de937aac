import { describe, expect, it } from 'vitest';
import { createStudioLiquid, TemplateError, type StudioLiquid } from './studio-liquid.ts';

/** 2026-01-15T18:30:00Z is 10:30 on the same day in Los Angeles (PST, UTC-8). */
const winterNow = Date.UTC(2026, 0, 15, 18, 30, 0);
/** 2026-07-04T03:05:00Z is 20:05 on the day before in Los Angeles (PDT, UTC-7). */
const summerNow = Date.UTC(2026, 6, 4, 3, 5, 0);

function makeLiquid(now = winterNow, overrides: Partial<{ maxRenderedBytes: number }> = {}): StudioLiquid {
  return createStudioLiquid({
    now: () => now,
    timezone: 'America/Los_Angeles',
    maxLoopIterations: 15,
    maxRenderedBytes: 16384,
    maxRenderMs: 1000,
    ...overrides,
  });
}

function makeScope() {
  return {
    flow: {
      flow_sid: 'FW0123456789abcdef0123456789abcdef',
      sid: 'FN0123456789abcdef0123456789abcdef',
      channel: { address: '+15017122661' },
      data: { name: 'Zeke', count: 5, order: { id: 'A1', total: 12.5 }, tags: ['vip', 'new'] },
      variables: { zero: '0', empty: '', greeting: 'Hello', total: '1999' },
    },
    contact: { channel: { address: '+15558675310' } },
    trigger: {
      message: { Body: ' Reach Out ', From: '+15558675310', To: '+15017122661', MessageSid: 'SM123', NumMedia: '0' },
    },
    widgets: {
      http_1: { parsed: { name: 'Ada', items: [{ sku: 'x1' }, { sku: 'y2' }] }, status_code: 200 },
    },
  };
}

const liquid = makeLiquid();
const render = (template: string, scope: object = makeScope()) => liquid.render(template, scope);

/** The TemplateError a render throws (failing the test when it throws nothing or another type). */
function renderError(template: string, renderer: StudioLiquid = liquid, scope: object = makeScope()): TemplateError {
  try {
    renderer.render(template, scope);
  } catch (error) {
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as Error).name).toBe('TemplateError');
    return error as TemplateError;
  }
  throw new Error(`expected ${JSON.stringify(template)} to throw`);
}

describe('Studio namespaces', () => {
  it.each([
    ['{{flow.data.name}}', 'Zeke'],
    ['{{ flow.data.order.id }}', 'A1'],
    ['{{ flow.variables.greeting }}', 'Hello'],
    ['{{ flow.flow_sid }}', 'FW0123456789abcdef0123456789abcdef'],
    ['{{ flow.sid }}', 'FN0123456789abcdef0123456789abcdef'],
    ['{{ flow.channel.address }}', '+15017122661'],
    ['{{ contact.channel.address }}', '+15558675310'],
    ['{{ trigger.message.Body }}', ' Reach Out '],
    ['{{ trigger.message.From }}', '+15558675310'],
    ['{{ widgets.http_1.parsed.name }}', 'Ada'],
    ['{{ widgets.http_1.status_code }}', '200'],
    ['{{ widgets.http_1.parsed.items[1].sku }}', 'y2'],
    ['{{ flow.data["name"] }}', 'Zeke'],
    ['Hi {{ flow.data.name }}, you are {{ contact.channel.address }}.', 'Hi Zeke, you are +15558675310.'],
  ])('%s renders %j', (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it.each([
    ['{{ flow.data.missing }}', ''],
    ['{{ flow.variables.missing }}', ''],
    ['{{ nothing.at.all }}', ''],
    ['{{ widgets.http_2.parsed.name }}', ''],
    ['[{{ trigger.call.CallSid }}]', '[]'],
    ['{{ nil }}', ''],
    ['{{ empty }}', ''],
  ])('missing value %s renders %j', (template, expected) => {
    expect(render(template)).toBe(expected);
  });
});

describe('printing values', () => {
  it.each([
    ['{{ flow.data.order | to_json }}', '{"id":"A1","total":12.5}'],
    ['{{ widgets.http_1.parsed | to_json }}', '{"name":"Ada","items":[{"sku":"x1"},{"sku":"y2"}]}'],
    ['{{ flow.data.tags | to_json }}', '["vip","new"]'],
    ['{{ flow.data.name | to_json }}', '"Zeke"'],
    ['{{ "say \\"hi\\"" | to_json }}', '"say \\"hi\\""'],
    ['{{ flow.data.count | to_json }}', '5'],
    ['{{ 12.5 | to_json }}', '12.5'],
    ['{{ flow.data.missing | to_json }}', 'null'],
    ['{{ nil | to_json }}', 'null'],
    ['{{ true | to_json }}', 'true'],
  ])('to_json: %s renders %s', (template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('prints an object without to_json as JSON', () => {
    expect(render('{{ flow.data.order }}')).toBe('{"id":"A1","total":12.5}');
    expect(render('{{flow.data}}')).toBe(
      '{"name":"Zeke","count":5,"order":{"id":"A1","total":12.5},"tags":["vip","new"]}',
    );
  });

  it('prints an array as its items concatenated (Shopify), objects inside as JSON', () => {
    expect(render('{{ flow.data.tags }}')).toBe('vipnew');
    expect(render('{{ widgets.http_1.parsed.items }}')).toBe('{"sku":"x1"}{"sku":"y2"}');
  });

  it('prints numbers and booleans as text', () => {
    expect(render('{{ flow.data.count }}|{{ flow.data.order.total }}|{{ true }}|{{ false }}')).toBe('5|12.5|true|false');
  });
});

describe('Shopify filters used in Studio flows (spec §5.2)', () => {
  it.each([
    ['{{ flow.data.count | plus: 2 }}', '7'],
    ['{{ flow.variables.zero | plus: 0 }}', '0'],
    ['{{ flow.variables.total | plus: 1 }}', '2000'],
    ['{{ 5 | minus: 7 }}', '-2'],
    ['{{ 5 | times: 3 }}', '15'],
    ['{{ "2.5" | times: 2 }}', '5'],
    ['{{ 20 | divided_by: 4 }}', '5'],
    ['{{ flow.variables.total | divided_by: 100.0 }}', '19.99'],
    ['{{ 10 | modulo: 3 }}', '1'],
    ['{{ "hello" | replace: "l", "L" }}', 'heLLo'],
    ['{{ "hello" | remove: "l" }}', 'heo'],
    ['{{ "Zeke" | upcase }}', 'ZEKE'],
    ['{{ "ZEKE" | downcase }}', 'zeke'],
    ['{{ "hello world" | capitalize }}', 'Hello world'],
    ['[{{ "  padded  " | strip }}]', '[padded]'],
    ['[{{ trigger.message.Body | strip | downcase }}]', '[reach out]'],
    ['{{ "Ground control to Major Tom." | truncate: 20 }}', 'Ground control to...'],
    ['{{ "short" | truncate: 20 }}', 'short'],
    ['{{ "a-b-c" | split: "-" | first }}', 'a'],
    ['{{ "a-b-c" | split: "-" | last }}', 'c'],
    ['{{ "a-b-c" | split: "-" | size }}', '3'],
    ['{{ "a,b" | split: "," }}', 'ab'],
    ['{{ flow.data.tags | first }}', 'vip'],
    ['{{ flow.data.tags.size }}', '2'],
    ['{{ flow.data.name | size }}', '4'],
    ['{{ flow.data.missing | default: "friend" }}', 'friend'],
    ['{{ flow.variables.empty | default: "friend" }}', 'friend'],
    ['{{ flow.data.name | default: "friend" }}', 'Zeke'],
    ['{{ "2026-07-04T12:00:00Z" | date: "%Y-%m-%d %H:%M" }}', '2026-07-04 05:00'],
    ['{{ "2026-07-04T12:00:00Z" | date: "%b %d, %Y" }}', 'Jul 04, 2026'],
    ['{{ 1700000000 | date: "%Y-%m-%d %H:%M" }}', '2023-11-14 14:13'],
    ['{{ "Hi" | append: " there" }}', 'Hi there'],
    ['{{ "Hi" | append: 1 }}', 'Hi1'],
    ['{{ "there" | prepend: "Hi " }}', 'Hi there'],
    ['{{ "a b&c/é" | url_encode }}', 'a+b%26c%2F%C3%A9'],
    ['{{ "<b>Tom & Jerry</b>" | escape }}', '&lt;b&gt;Tom &amp; Jerry&lt;/b&gt;'],
  ])('%s renders %j', (template, expected) => {
    expect(render(template)).toBe(expected);
  });
});

describe('tags', () => {
  it.each([
    ['{% if flow.data.count > 3 %}big{% elsif flow.data.count > 1 %}mid{% else %}small{% endif %}', 'big'],
    ['{% if flow.data.count > 9 %}big{% elsif flow.data.count > 1 %}mid{% else %}small{% endif %}', 'mid'],
    ['{% if flow.data.count > 9 %}big{% elsif flow.data.count > 7 %}mid{% else %}small{% endif %}', 'small'],
    ['{% if flow.data.name == "Zeke" and flow.data.count == 5 %}yes{% endif %}', 'yes'],
    ['{% if flow.data.name == "zeke" %}eq{% else %}ne{% endif %}', 'ne'],
    ['{% if flow.data.tags contains "vip" %}vip{% endif %}', 'vip'],
    ['{% unless flow.data.missing %}none{% endunless %}', 'none'],
    ['{% unless flow.data.name %}none{% else %}some{% endunless %}', 'some'],
    ['{% case flow.data.name %}{% when "Bob" %}b{% when "Zeke", "Zed" %}z{% else %}o{% endcase %}', 'z'],
    ['{% case flow.data.count %}{% when 1 %}one{% else %}other{% endcase %}', 'other'],
    ['{% assign n = flow.variables.zero | plus: 1 %}{{ n }}', '1'],
    ['{% assign who = flow.data.name | upcase %}Hi {{ who }}', 'Hi ZEKE'],
    ['{% capture c %}Hi {{ flow.data.name }}{% endcapture %}{{ c | upcase }}', 'HI ZEKE'],
    ['{% for tag in flow.data.tags %}{{ forloop.index }}:{{ tag }};{% endfor %}', '1:vip;2:new;'],
    ['{% for item in widgets.http_1.parsed.items %}{{ item.sku }}{% unless forloop.last %},{% endunless %}{% endfor %}', 'x1,y2'],
    ['{% for i in (1..3) %}{{ i }}{% endfor %}', '123'],
    ['{% for i in flow.data.missing %}{{ i }}{% else %}empty{% endfor %}', 'empty'],
    ['{% for i in (1..5) %}{% if i == 3 %}{% break %}{% endif %}{{ i }}{% endfor %}', '12'],
  ])('%s renders %j', (template, expected) => {
    expect(render(template)).toBe(expected);
  });
});

describe('truthiness (only nil and false are falsy)', () => {
  it.each([
    ['"0" (string)', '{% if flow.variables.zero %}T{% else %}F{% endif %}', 'T'],
    ['"" (empty string)', '{% if flow.variables.empty %}T{% else %}F{% endif %}', 'T'],
    ['0 (number)', '{% if 0 %}T{% else %}F{% endif %}', 'T'],
    ['an empty literal string', '{% if "" %}T{% else %}F{% endif %}', 'T'],
    ['nil (missing)', '{% if flow.variables.missing %}T{% else %}F{% endif %}', 'F'],
    ['nil (literal)', '{% if nil %}T{% else %}F{% endif %}', 'F'],
    ['false', '{% if false %}T{% else %}F{% endif %}', 'F'],
  ])('%s', (_name, template, expected) => {
    expect(render(template)).toBe(expected);
  });

  it('an empty string is still == empty', () => {
    expect(render('{% if flow.variables.empty == empty %}E{% else %}N{% endif %}')).toBe('E');
  });
});

describe('"now" | date uses the injected clock in Pacific time', () => {
  it('renders the winter (PST) wall time', () => {
    expect(render('{{ "now" | date: "%Y-%m-%d %H:%M" }}')).toBe('2026-01-15 10:30');
  });

  it('renders the summer (PDT) wall time, crossing midnight', () => {
    expect(makeLiquid(summerNow).render('{{ "now" | date: "%Y-%m-%d %H:%M" }}', {})).toBe('2026-07-03 20:05');
  });

  it('treats "today" like "now" and %s as the epoch seconds of the clock', () => {
    expect(render('{{ "today" | date: "%Y-%m-%d" }}')).toBe('2026-01-15');
    expect(render('{{ "now" | date: "%s" }}')).toBe(String(winterNow / 1000));
    expect(render('{{ "now" | date: "%H" }}')).toBe('10');
  });

  it('reads the clock on every render', () => {
    let now = winterNow;
    const ticking = createStudioLiquid({
      now: () => now,
      timezone: 'America/Los_Angeles',
      maxLoopIterations: 15,
      maxRenderedBytes: 16384,
      maxRenderMs: 1000,
    });
    expect(ticking.render('{{ "now" | date: "%H:%M" }}', {})).toBe('10:30');
    now += 90 * 60_000;
    expect(ticking.render('{{ "now" | date: "%H:%M" }}', {})).toBe('12:00');
  });
});

describe('for-loop limit (15 iterations)', () => {
  it('renders a loop of exactly 15 iterations', () => {
    expect(render('{% for i in (1..15) %}{{ i }},{% endfor %}')).toBe('1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,');
  });

  it('throws a TemplateError mentioning 15 for a loop of 16 iterations', () => {
    const error = renderError('{% for i in (1..16) %}{{ i }}{% endfor %}');
    expect(error.message).toContain('more than 15 times');
    expect(error.message).not.toContain('\n');
  });

  it('counts a collection from the scope too', () => {
    const scope = { flow: { data: { list: Array.from({ length: 16 }, (_, i) => i) } } };
    expect(renderError('{% for x in flow.data.list %}{{ x }}{% endfor %}', liquid, scope).message).toContain('15');
    expect(liquid.render('{% for x in flow.data.list limit: 15 %}.{% endfor %}', scope)).toBe('.'.repeat(15));
  });

  it('allows nested loops that are each within 15 iterations', () => {
    expect(render('{% for i in (1..15) %}{% for j in (1..15) %}x{% endfor %}{% endfor %}')).toBe('x'.repeat(225));
  });

  it('allows several 15-iteration loops in one template', () => {
    expect(render('{% for i in (1..15) %}a{% endfor %}{% for i in (1..15) %}b{% endfor %}')).toBe('a'.repeat(15) + 'b'.repeat(15));
  });

  it('throws when an inner loop exceeds 15 even though the outer does not', () => {
    expect(renderError('{% for i in (1..2) %}{% for j in (1..16) %}x{% endfor %}{% endfor %}').message).toContain('15');
  });

  it('stops a huge range with a TemplateError', () => {
    expect(renderError('{% for i in (1..100000000) %}{% endfor %}')).toBeInstanceOf(TemplateError);
  });
});

describe('rendered size limit', () => {
  it('renders exactly maxRenderedBytes', () => {
    expect(render('{{ flow.data.big }}', { flow: { data: { big: 'x'.repeat(16384) } } })).toHaveLength(16384);
  });

  it('throws a TemplateError naming the limit one byte over it', () => {
    const error = renderError('{{ flow.data.big }}', liquid, { flow: { data: { big: 'x'.repeat(16385) } } });
    expect(error.message).toBe('the rendered text is 16385 bytes; the limit is 16384');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const error = renderError('{{ flow.data.big }}', liquid, { flow: { data: { big: 'é'.repeat(8193) } } });
    expect(error.message).toBe('the rendered text is 16386 bytes; the limit is 16384');
  });

  it('applies to text built by loops', () => {
    const small = makeLiquid(winterNow, { maxRenderedBytes: 100 });
    expect(small.render('{% for i in (1..10) %}0123456789{% endfor %}', {})).toBe('0123456789'.repeat(10));
    const error = renderError('{% for i in (1..11) %}0123456789{% endfor %}', small, {});
    expect(error.message).toBe('the rendered text is 110 bytes; the limit is 100');
  });
});

describe('syntax errors', () => {
  it.each(['{% if %}', '{{ a ', '{% endfor %}', '{% if a %}no end', '{% bogus %}', '{% assign %}', '{% else %}', '{{ | upcase }}'])(
    '%j throws a one-line TemplateError',
    (template) => {
      const error = renderError(template);
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.message).not.toContain('\n');
    },
  );

  it('gives the reason of the error', () => {
    expect(renderError('{% endfor %}').message).toBe('tag "endfor" not found, line:1, col:1');
    expect(renderError('{{ a ').message).toBe('output "{{ a " not closed, line:1, col:1');
  });

  it('throws the same error again from the parse cache', () => {
    expect(renderError('{% if %}').message).toBe(renderError('{% if %}').message);
  });
});

describe('check()', () => {
  it.each(['Hello', '{{ flow.data.name }}', '{% if a %}x{% endif %}', '{% for i in (1..20) %}{% endfor %}', '{{ nothing.here }}'])(
    '%j is fine',
    (template) => {
      expect(liquid.check(template)).toBeUndefined();
    },
  );

  it.each([
    ['{% if %}', 'invalid value expression: "", line:1, col:6'],
    ['{{ a ', 'output "{{ a " not closed, line:1, col:1'],
    ['{% endfor %}', 'tag "endfor" not found, line:1, col:1'],
  ])('%j gives %j', (template, message) => {
    expect(liquid.check(template)).toBe(message);
  });
});

describe('plain strings', () => {
  it.each(['Hello world', '', 'a } b %} c', 'price: $5 % off', 'no braces at all\nsecond line'])('%j is returned unchanged', (text) => {
    expect(render(text)).toBe(text);
    expect(liquid.check(text)).toBeUndefined();
  });
});

describe('own properties only', () => {
  it.each([
    '{{ flow.data.constructor }}',
    '{{ flow.data.__proto__ }}',
    '{{ flow.data.toString }}',
    '{{ flow.data.hasOwnProperty }}',
    '{{ flow.data.order["constructor"] }}',
    '{{ flow.data.tags.constructor }}',
    '{{ flow.data.name.constructor }}',
    '{{ flow.__proto__.polluted }}',
  ])('%s renders empty', (template) => {
    expect(render(template)).toBe('');
  });
});

describe('the parse cache', () => {
  it('does not leak values between renders with different scopes', () => {
    const template = 'Hi {{ flow.data.name }}{% for t in flow.data.tags %} #{{ t }}{% endfor %}';
    expect(liquid.render(template, { flow: { data: { name: 'Zeke', tags: ['a'] } } })).toBe('Hi Zeke #a');
    expect(liquid.render(template, { flow: { data: { name: 'Ada', tags: ['b', 'c'] } } })).toBe('Hi Ada #b #c');
    expect(liquid.render(template, {})).toBe('Hi ');
  });

  it('does not keep assigned variables or captures from a previous render', () => {
    expect(render('{% assign who = "Bob" %}{% capture c %}cap{% endcapture %}{{ who }}{{ c }}')).toBe('Bobcap');
    expect(render('[{{ who }}{{ c }}]')).toBe('[]');
  });

  it('does not change the scope it renders', () => {
    const scope = makeScope();
    const before = JSON.stringify(scope);
    liquid.render('{% assign flow = "x" %}{% capture contact %}y{% endcapture %}{{ flow }}', scope);
    expect(JSON.stringify(scope)).toBe(before);
    expect(liquid.render('{{ flow.data.name }}', scope)).toBe('Zeke');
  });

  it('resets the loop counter on every render', () => {
    const template = '{% for i in (1..15) %}.{% endfor %}';
    expect(render(template)).toBe('.'.repeat(15));
    expect(render(template)).toBe('.'.repeat(15));
  });
});
