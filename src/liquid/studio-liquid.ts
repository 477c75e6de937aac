import { ForTag, Liquid, filters, toValue, type Context, type Emitter, type Parser, type Template, type TagToken, type TopLevelToken } from 'liquidjs';

/**
 * Liquid as Studio renders it: Shopify semantics (liquidjs), the `to_json` filter, objects
 * printed as JSON, `"now"` read from the injected clock, and Studio's limits. Any failure is a
 * TemplateError with a readable reason; nothing else escapes.
 */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateError';
  }
}

export interface StudioLiquidOptions {
  /** Milliseconds since the epoch, for `"now" | date`. */
  now: () => number;
  timezone: string;
  maxLoopIterations: number;
  maxRenderedBytes: number;
  maxRenderMs: number;
}

export interface StudioLiquid {
  render(template: string, scope: object): string;
  /** The syntax error in a template, or undefined when it parses. */
  check(template: string): string | undefined;
}

const utf8 = new TextEncoder();

/** Parsed templates are cached: flows render the same property strings again and again. */
const maxCachedTemplates = 2000;

export function createStudioLiquid(options: StudioLiquidOptions): StudioLiquid {
  const liquid = new Liquid({
    ownPropertyOnly: true,
    timezoneOffset: options.timezone,
    renderLimit: options.maxRenderMs,
    memoryLimit: options.maxRenderedBytes * 64,
    outputEscape: printValue,
  });
  liquid.registerTag('for', boundedForTag(options.maxLoopIterations));
  liquid.registerFilter('to_json', (value: unknown) => JSON.stringify(toValue(value) ?? null));
  liquid.registerFilter('date', function (this: unknown, value: unknown, ...args: unknown[]) {
    const when = value === 'now' || value === 'today' ? Math.floor(options.now() / 1000) : value;
    return (filters.date as (...a: unknown[]) => unknown).call(this, when, ...args);
  });

  const cache = new Map<string, CompiledTemplate>();
  const compile = (template: string): CompiledTemplate => {
    let compiled = cache.get(template);
    if (!compiled) {
      const parsed = liquid.parse(template);
      compiled = plainLookups(template) ?? ((scope) => String(liquid.renderSync(parsed, scope)));
      if (cache.size >= maxCachedTemplates) cache.delete(cache.keys().next().value as string);
      cache.set(template, compiled);
    }
    return compiled;
  };

  return {
    render(template, scope) {
      if (!template.includes('{')) return template;
      let output: string;
      try {
        output = compile(template)(scope);
      } catch (error) {
        throw new TemplateError(liquidErrorReason(error));
      }
      // A UTF-16 unit is at most 3 UTF-8 bytes, so short output needs no counting.
      const bytes = output.length * 3 <= options.maxRenderedBytes ? 0 : utf8.encode(output).length;
      if (bytes > options.maxRenderedBytes) {
        throw new TemplateError(`the rendered text is ${bytes} bytes; the limit is ${options.maxRenderedBytes}`);
      }
      return output;
    },
    check(template) {
      if (!template.includes('{')) return undefined;
      try {
        compile(template);
        return undefined;
      } catch (error) {
        return liquidErrorReason(error);
      }
    },
  };
}

type CompiledTemplate = (scope: object) => string;

/** `{{ a.b-c.d }}` with no filters, tags or white-space control. */
const plainOutput = /\{\{ *([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*) *\}\}/g;
/** Names Liquid treats as computed properties rather than keys. */
const computedNames = new Set(['size', 'first', 'last']);
/** Names Liquid reads as literals rather than variables. */
const literalNames = new Set(['true', 'false', 'nil', 'null', 'empty', 'blank']);

/**
 * Most Studio properties are text with plain variable lookups. Those render the same without
 * liquidjs's general machinery, several times faster; anything else returns undefined.
 */
function plainLookups(template: string): CompiledTemplate | undefined {
  const parts: Array<string | string[]> = [];
  let end = 0;
  for (const match of template.matchAll(plainOutput)) {
    const path = match[1].split('.');
    if (literalNames.has(path[0]) || path.some((name) => computedNames.has(name))) return undefined;
    parts.push(template.slice(end, match.index), path);
    end = match.index + match[0].length;
  }
  const rest = template.slice(end);
  if (rest.includes('{{') || rest.includes('{%') || parts.some((part) => typeof part === 'string' && /\{[{%]/.test(part))) return undefined;
  parts.push(rest);
  return (scope) => {
    let output = '';
    for (const part of parts) output += typeof part === 'string' ? part : printValue(lookUp(scope, part));
    return output;
  };
}

function lookUp(scope: object, path: string[]): unknown {
  let value: unknown = scope;
  for (const name of path) {
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, name)) return undefined;
    value = (value as Record<string, unknown>)[name];
  }
  return value;
}

/** Objects print as JSON (Liquid's own output for a hash is of no use to anyone). */
function printValue(printed: unknown): string {
  // Liquid's own values (nil, empty, blank) are Drops: print what they stand for, not `{}`.
  const value: unknown = toValue(printed);
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(printValue).join('');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function liquidErrorReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  // liquidjs appends the template's source excerpt after a newline; the first line is the reason.
  return message.split('\n')[0];
}

/** Studio's `for` stops a template once one loop runs more than `limit` times. */
function boundedForTag(limit: number) {
  return class BoundedForTag extends ForTag {
    constructor(token: TagToken, remainTokens: TopLevelToken[], liquid: Liquid, parser: Parser) {
      super(token, remainTokens, liquid, parser);
      const key = Symbol('iterations');
      const counter = {
        token,
        *render(ctx: Context) {
          const registers = ctx as unknown as Record<symbol, number>;
          registers[key] = (registers[key] ?? 0) + 1;
          if (registers[key] > limit) {
            throw new Error(`a for loop ran more than ${limit} times (Studio's limit)`);
          }
        },
      };
      this.templates.unshift(counter as unknown as Template);
      const render = this.render.bind(this);
      this.render = function* (ctx: Context, emitter: Emitter) {
        (ctx as unknown as Record<symbol, number>)[key] = 0;
        return yield* render(ctx, emitter);
      };
    }
  };
}
