/**
 * `npm run bench:engine`: drives a 10-widget messaging flow through many executions in memory,
 * persisting the state as JSON between events as a store would. Prints executions/s, steps/s,
 * µs per step and the median size of a suspended execution's state, as the median of several
 * rounds, next to a baseline round that only does the JSON persistence.
 */
import { compileFlow } from '../src/engine/compiled-flow.ts';
import { createEngine } from '../src/engine/engine.ts';
import type { ExecutionState } from '../src/engine/execution-state.ts';
import type { FlowDefinition, FlowState } from '../src/flow/definition.ts';
import { VirtualClock } from '../src/runtime/clock.ts';
import { inboundMessageParams } from '../src/carrier/inbound-message-params.ts';
import { seededSids } from '../src/runtime/sid-generator.ts';

const executionsPerRound = Number(process.env.BENCH_EXECUTIONS ?? 5000);
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);

const state = (name: string, type: string, properties: Record<string, unknown>, transitions: FlowState['transitions']): FlowState => ({
  name, type, properties: { ...properties, offset: { x: 0, y: 0 } }, transitions,
});
const match = (value: string, next: string, input: string) => ({
  event: 'match', next, conditions: [{ friendly_name: value, arguments: [input], type: 'matches_any_of', value }],
});

const definition: FlowDefinition = {
  description: 'Benchmark: a 10-widget survey over SMS',
  initial_state: 'Trigger',
  flags: { allow_concurrent_calls: true },
  states: [
    state('Trigger', 'trigger', {}, [{ event: 'incomingMessage', next: 'init' }, { event: 'incomingRequest' }]),
    state('init', 'set-variables', { variables: [{ key: 'attempt', value: '1' }, { key: 'name', value: '{{trigger.message.Body | strip}}' }] }, [{ event: 'next', next: 'greet' }]),
    state('greet', 'send-message', { body: 'Hi {{flow.variables.name}}, thanks for writing.' }, [{ event: 'sent', next: 'ask' }, { event: 'failed' }]),
    state('ask', 'send-and-wait-for-reply', { body: 'Was your visit good? Reply YES or NO.', timeout: '3600' }, [
      { event: 'incomingMessage', next: 'route' }, { event: 'timeout' }, { event: 'deliveryFailure' },
    ]),
    state('route', 'split-based-on', { input: '{{widgets.ask.inbound.Body}}' }, [
      { event: 'noMatch', next: 'record' },
      match('yes,y', 'record', '{{widgets.ask.inbound.Body}}'),
    ]),
    state('record', 'set-variables', { variables: [{ key: 'answer', value: '{{widgets.ask.inbound.Body | downcase}}' }] }, [{ event: 'next', next: 'confirm' }]),
    state('confirm', 'send-message', { body: 'You said {{flow.variables.answer}}.' }, [{ event: 'sent', next: 'rate' }, { event: 'failed' }]),
    state('rate', 'send-and-wait-for-reply', { body: 'Rate us from 1 to 5.', timeout: '3600' }, [
      { event: 'incomingMessage', next: 'route_rating' }, { event: 'timeout' }, { event: 'deliveryFailure' },
    ]),
    state('route_rating', 'split-based-on', { input: '{{widgets.rate.inbound.Body}}' }, [
      { event: 'noMatch', next: 'thanks' },
      { event: 'match', next: 'thanks', conditions: [{ friendly_name: 'high', arguments: ['{{widgets.rate.inbound.Body}}'], type: 'greater_than', value: '3' }] },
    ]),
    state('thanks', 'send-message', { body: 'Thanks! Rating {{widgets.rate.inbound.Body}} saved.' }, [{ event: 'sent' }, { event: 'failed' }]),
  ],
};

const clock = new VirtualClock('2026-01-01T00:00:00Z');
const sids = seededSids(42);
const accountSid = sids.next('AC');
const engine = createEngine({
  clock,
  sids,
  http: { request: async () => { throw new Error('no HTTP in this benchmark'); } },
  messages: { send: async (message) => ({ Sid: sids.next('SM'), Status: 'queued', Body: message.body, From: message.from, To: message.to }) },
});
const flow = compileFlow(definition, sids.next('FW'));
const message = (body: string) =>
  inboundMessageParams({ accountSid, messageSid: sids.next('SM'), from: '+15005550006', to: '+15005550001', body });

/** One conversation: three sprints, the state stored as JSON after each. */
async function conversation(sizes: number[]): Promise<number> {
  let sprint = await engine.start(flow, { kind: 'message', contactAddress: '+15005550006', flowAddress: '+15005550001', params: message('Ada') });
  let steps = sprint.steps.length;
  for (const reply of ['Yes', '5']) {
    const stored = JSON.stringify(sprint.state);
    sizes.push(Buffer.byteLength(stored));
    sprint = await engine.resume(flow, JSON.parse(stored) as ExecutionState, { type: 'incomingMessage', params: message(reply) });
    steps += sprint.steps.length;
  }
  JSON.stringify(sprint.state);
  if (sprint.state.status !== 'ended') throw new Error('the benchmark flow did not finish');
  return steps;
}

/** The baseline: the same JSON persistence of a suspended state, with no engine work. */
async function persistenceOnly(sample: string): Promise<void> {
  for (let i = 0; i < 3; i++) JSON.stringify(JSON.parse(sample));
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const sizes: number[] = [];
  for (let i = 0; i < 500; i++) await conversation(sizes); // warm up the JIT and the template cache
  const sample = JSON.stringify((await engine.start(flow, { kind: 'message', contactAddress: '+1', flowAddress: '+2', params: message('x') })).state);

  const engineRounds: Array<{ seconds: number; steps: number }> = [];
  const baselineRounds: number[] = [];
  for (let round = 0; round < rounds; round++) {
    sizes.length = 0;
    let steps = 0;
    let began = process.hrtime.bigint();
    for (let i = 0; i < executionsPerRound; i++) steps += await conversation(sizes);
    engineRounds.push({ seconds: Number(process.hrtime.bigint() - began) / 1e9, steps });
    began = process.hrtime.bigint();
    for (let i = 0; i < executionsPerRound; i++) await persistenceOnly(sample);
    baselineRounds.push(Number(process.hrtime.bigint() - began) / 1e9);
    process.stderr.write(`round ${round + 1}/${rounds}: ${(executionsPerRound / engineRounds[round].seconds).toFixed(0)} executions/s\n`);
  }

  const seconds = median(engineRounds.map((round) => round.seconds));
  const steps = engineRounds[0].steps;
  const baseline = median(baselineRounds);
  console.log(`engine benchmark: ${executionsPerRound} executions x ${rounds} rounds, ${steps / executionsPerRound} steps each (medians)`);
  console.log(`  executions/s        ${(executionsPerRound / seconds).toFixed(0)}`);
  console.log(`  steps/s             ${(steps / seconds).toFixed(0)}   (target >= 50000)`);
  console.log(`  us per step         ${((seconds / steps) * 1e6).toFixed(2)}`);
  console.log(`  suspended state     ${median(sizes)} bytes median   (target <= 4096)`);
  console.log(`  baseline: JSON persistence alone ${(executionsPerRound / baseline).toFixed(0)} executions/s; engine time / baseline time = ${(seconds / baseline).toFixed(1)}x`);
}

await main();
