import { describe, expect, it } from 'vitest';
import { checkParameters } from './rest-parameters.ts';

describe('the REST trigger parameters', () => {
  it('sends a JSON object compactly, and nothing for empty text', () => {
    expect(checkParameters('{ "name": "Ada",\n "n": 1 }')).toEqual({ parameters: '{"name":"Ada","n":1}' });
    expect(checkParameters('  ')).toEqual({});
  });

  it('explains text that is not JSON, and JSON that is not an object', () => {
    expect(checkParameters('{name: 1}').error).toMatch(/^Parameters are not valid JSON: /);
    expect(checkParameters('[1]').error).toMatch(/must be a JSON object/);
    expect(checkParameters('null').error).toMatch(/must be a JSON object/);
  });
});
