import { describe, expect, it } from 'vitest';
import { humanise } from './humanise.ts';

describe('humanise', () => {
  it('turns property and condition names into labels', () => {
    expect(humanise('does_not_match_any_of')).toBe('Does not match any of');
    expect(humanise('media_url')).toBe('Media url');
    expect(humanise('body')).toBe('Body');
  });
});
