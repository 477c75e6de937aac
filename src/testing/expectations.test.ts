import { describe, expect, it } from 'vitest';
import { bodyData, describeMatcher, subsetMismatch, textMatches, urlMatches } from './expectations.ts';

describe('urlMatches', () => {
  it.each([
    ['https://api.example/orders', 'https://api.example/orders', true],
    ['https://api.example/orders', 'https://api.example/orders/1', false],
    ['https://api.example/orders/*', 'https://api.example/orders/17?x=1', true],
    ['https://api.example/*/items', 'https://api.example/a/b/items', true],
    ['https://api.example/a.b', 'https://api.exampleXa.b', false],
    ['/orders\\/\\d+$/', 'https://api.example/orders/17', true],
    ['/ORDERS/i', 'https://api.example/orders', true],
    ['/^http:/', 'https://api.example/', false],
  ])('%s against %s is %s', (pattern, url, matches) => expect(urlMatches(pattern, url)).toBe(matches));
});

describe('textMatches', () => {
  it('takes a string as the exact text', () => {
    expect(textMatches('Hello', 'Hello')).toBe(true);
    expect(textMatches('Hello', 'Hello!')).toBe(false);
  });

  it('reads templates with {{…}} standing for any text, and nothing else special', () => {
    const template = { template: 'Order {{id}} (${{total}}) is ready.' };
    expect(textMatches(template, 'Order A17 ($24) is ready.')).toBe(true);
    expect(textMatches(template, 'Order A17 ($24) is ready')).toBe(false);
    expect(textMatches({ template: 'a.c' }, 'abc')).toBe(false);
  });

  it('tests regular expressions and media', () => {
    expect(textMatches({ matches: '^Order #\\d+' }, 'Order #42 placed')).toBe(true);
    expect(textMatches({ matches: '^Order #\\d+' }, 'Your Order #42')).toBe(false);
    expect(textMatches({ media: 'https://x.example/a.png' }, 'anything', 'https://x.example/a.png')).toBe(true);
    expect(textMatches({ text: 'Hi', media: 'https://x.example/a.png' }, 'Hi')).toBe(false);
  });

  it('describes each kind of matcher', () => {
    expect(describeMatcher('Hi')).toBe('"Hi"');
    expect(describeMatcher({ matches: 'a+' })).toBe('text matching /a+/');
    expect(describeMatcher({ template: 'Hi {{x}}', media: 'https://m/' })).toBe('text like "Hi {{x}}" with media https://m/');
  });
});

describe('subsetMismatch', () => {
  it('accepts a subset of a map, with numbers and booleans matching their text', () => {
    expect(subsetMismatch({ item: 'pizza', quantity: 2, ok: true }, { item: 'pizza', quantity: '2', ok: 'true', extra: 1 })).toBeUndefined();
  });

  it('names the path of the first difference', () => {
    expect(subsetMismatch({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 3 }] } })).toBe('a.b[1].c');
    expect(subsetMismatch({ a: 1 }, {})).toBe('a');
    expect(subsetMismatch({ a: [1] }, { a: [1, 2] })).toBe('a');
    expect(subsetMismatch({ a: { b: 1 } }, { a: 'text' })).toBe('a');
    expect(subsetMismatch('x', 'y')).toBe('(the value)');
  });
});

describe('bodyData', () => {
  it('reads JSON, forms and text', () => {
    expect(bodyData('{"a":1}', 'application/json')).toEqual({ a: 1 });
    expect(bodyData('[1]', '')).toEqual([1]);
    expect(bodyData('a=1&b=x+y', 'application/x-www-form-urlencoded')).toEqual({ a: '1', b: 'x y' });
    expect(bodyData('{not json', 'application/json')).toBe('{not json');
    expect(bodyData('plain', 'text/plain')).toBe('plain');
  });
});
