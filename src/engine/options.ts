import type { StudioLiquidOptions } from '../liquid/studio-liquid.ts';

/**
 * Limits and behaviour choices. Defaults are Studio's published limits; where Studio's
 * behaviour is unverified, the default is the choice documented in docs/behaviour-choices.md.
 */
export interface EngineOptions {
  /** Steps one execution may take (Studio: 1,000, error 81000). */
  maxSteps: number;
  /** Runs of the same widget in a row (Studio: 10, error 81001). */
  maxRunsInARow: number;
  /** Lifetime of an execution in seconds (Studio: 30 days). */
  maxLifetimeSeconds: number;
  /** Timeout of make-http-request and run-function (Studio: 10 s). */
  httpTimeoutMs: number;
  /** Largest response body make-http-request and run-function accept (Studio: 64 kB). */
  maxHttpResponseBytes: number;
  /** Iterations of one Liquid `for` loop (Studio: 15). */
  maxLiquidLoopIterations: number;
  /** Longest string one Liquid template may render (Studio: 16 KB). */
  maxRenderedBytes: number;
  /** Wall-clock budget for one render, a guard against runaway templates. */
  maxRenderMs: number;
  /** Time zone of Liquid's `date` filter (Studio: Pacific time, unverified). */
  liquidTimezone: string;
  /**
   * What split-based-on tests when a condition's `arguments[0]` differs from the widget's
   * `input` (unverified in Studio): `input` or `arguments`.
   */
  splitSubject: 'input' | 'arguments';
}

export const defaultEngineOptions: EngineOptions = {
  maxSteps: 1000,
  maxRunsInARow: 10,
  maxLifetimeSeconds: 30 * 24 * 3600,
  httpTimeoutMs: 10_000,
  maxHttpResponseBytes: 64 * 1024,
  maxLiquidLoopIterations: 15,
  maxRenderedBytes: 16 * 1024,
  maxRenderMs: 1000,
  liquidTimezone: 'America/Los_Angeles',
  splitSubject: 'input',
};

export function engineOptions(overrides: Partial<EngineOptions> = {}): EngineOptions {
  return { ...defaultEngineOptions, ...overrides };
}

/** Liquid as the engine renders properties with these options, `"now"` being `now()`. */
export function liquidOptions(options: EngineOptions, now: () => number): StudioLiquidOptions {
  return {
    now,
    timezone: options.liquidTimezone,
    maxLoopIterations: options.maxLiquidLoopIterations,
    maxRenderedBytes: options.maxRenderedBytes,
    maxRenderMs: options.maxRenderMs,
  };
}
