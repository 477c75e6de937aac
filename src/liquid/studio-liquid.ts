import { ForTag, Liquid, filters, type Context, type Emitter, type Parser, type Template, type TagToken, type TopLevelToken } from 'liquidjs';

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
  liquid.registerFilter('to_json', (value: unknown) => JSON.stringify(value ?? null));
  liquid.registerFilter('date', function (this: unknown, value: unknown, ...args: unknown[]) {
    const when = value === 'now' || value === 'today' ? Math.floor(options.now() / 1000) : value;
    return (filters.date as (...a: unknown[]) => unknown).call(this, when, ...args);
  });

  const cache = new Map<string, Template[]>();
  const parse = (template: string): Template[] => {
    let parsed = cache.get(template);
    if (!parsed) {
      parsed = liquid.parse(template);
      if (cache.size >= maxCachedTemplates) cache.delete(cache.keys().next().value as string);
      cache.set(template, parsed);
    }
    return parsed;
  };

  return {
    render(template, scope) {
      if (!template.includes('{')) return template;
      let output: string;
      try {
        output = String(liquid.renderSync(parse(template), scope));
      } catch (error) {
        throw new TemplateError(liquidErrorReason(error));
      }
      const bytes = new TextEncoder().encode(output).length;
      if (bytes > options.maxRenderedBytes) {
        throw new TemplateError(`the rendered text is ${bytes} bytes; the limit is ${options.maxRenderedBytes}`);
      }
      return output;
    },
    check(template) {
      if (!template.includes('{')) return undefined;
      try {
        parse(template);
        return undefined;
      } catch (error) {
        return liquidErrorReason(error);
      }
    },
  };
}

/** Objects print as JSON (Liquid's own output for a hash is of no use to anyone). */
function printValue(value: unknown): string {
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
