import type { TextMatcher } from './flow-test.ts';

/** A URL against a mock's or an expectation's: exact, `*` for any run of characters, or `/regex/flags`. */
export function urlMatches(pattern: string, url: string): boolean {
  const regex = /^\/(.+)\/([a-z]*)$/.exec(pattern);
  if (regex) return new RegExp(regex[1], regex[2]).test(url);
  if (!pattern.includes('*')) return pattern === url;
  return wildcardRegex(pattern.split('*')).test(url);
}

/** Text (a message body, a prompt) against a matcher; `media` checks the first media URL. */
export function textMatches(matcher: TextMatcher, text: string, media?: string): boolean {
  if (typeof matcher === 'string') return text === matcher;
  if (matcher.media !== undefined && matcher.media !== media) return false;
  if (matcher.text !== undefined) return text === matcher.text;
  if (matcher.matches !== undefined) return new RegExp(matcher.matches).test(text);
  if (matcher.template !== undefined) return wildcardRegex(matcher.template.split(/\{\{.*?\}\}/)).test(text);
  return true;
}

/** How a matcher reads in a failure report. */
export function describeMatcher(matcher: TextMatcher): string {
  if (typeof matcher === 'string') return JSON.stringify(matcher);
  const parts = [];
  if (matcher.text !== undefined) parts.push(JSON.stringify(matcher.text));
  if (matcher.matches !== undefined) parts.push(`text matching /${matcher.matches}/`);
  if (matcher.template !== undefined) parts.push(`text like ${JSON.stringify(matcher.template)}`);
  if (matcher.media !== undefined) parts.push(`with media ${matcher.media}`);
  return parts.join(' ');
}

/**
 * Where `actual` differs from `expected`, read as a subset: every key of an expected map must be
 * in the actual one, lists must match item by item, and other values must be equal. Numbers
 * and booleans also match their text, since Studio's context holds many numbers as strings.
 * Returns the path of the first difference, or undefined when they match.
 */
export function subsetMismatch(expected: unknown, actual: unknown, path = ''): string | undefined {
  if (expected !== null && typeof expected === 'object') {
    if (Array.isArray(expected)) {
      if (!Array.isArray(actual) || actual.length !== expected.length) return path || '(the value)';
      for (const [index, item] of expected.entries()) {
        const mismatch = subsetMismatch(item, actual[index], `${path}[${index}]`);
        if (mismatch) return mismatch;
      }
      return undefined;
    }
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return path || '(the value)';
    for (const [key, value] of Object.entries(expected)) {
      const mismatch = subsetMismatch(value, (actual as Record<string, unknown>)[key], path ? `${path}.${key}` : key);
      if (mismatch) return mismatch;
    }
    return undefined;
  }
  if (expected === actual) return undefined;
  if ((typeof expected === 'number' || typeof expected === 'boolean') && typeof actual === 'string' && String(expected) === actual) return undefined;
  return path || '(the value)';
}

/** A request body as data: JSON when it parses as JSON, form fields when it is a form, else the text. */
export function bodyData(body: string, contentType: string): unknown {
  if (/json/i.test(contentType) || /^\s*[[{]/.test(body)) {
    try {
      return JSON.parse(body);
    } catch {
      return body;
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType)) return Object.fromEntries(new URLSearchParams(body));
  return body;
}

function wildcardRegex(literals: string[]): RegExp {
  return new RegExp(`^${literals.map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[\\s\\S]*')}$`);
}
