/**
 * `npm run bench:test`: how fast `switchboard test` runs flow tests. Writes 1,000 test files (one
 * test each, in a temp folder) against the five example flows, varied as real suites are: order-bot
 * orders of every item, quantity and confirmation word, keyword-router keywords at open and closed
 * hours, pizza IVR key paths, reminder-call answer modes, appointment-reminder replies. Runs them
 * with testCommand in-process (its output counted, not printed), several runs, and reports the
 * total time, ms per test (the run's average and the median test), as medians over the runs, next
 * to a baseline: the example suites themselves (examples/tests), per test, in the same process.
 * Target: under 10 ms per test on average.
 *
 * Env: BENCH_FILES (1000), BENCH_RUNS (3).
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { testCommand } from '../src/cli/test-command.ts';

const fileCount = Number(process.env.BENCH_FILES ?? 1000);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const targetMs = 10;

const flow = (name: string) => resolve('examples', `${name}.json`);
const contactOf = (index: number) => `+1555${String(2000000 + index).padStart(7, '0')}`;

/** One test file per generator call; `index` picks the variation. */
const generators: Array<(index: number) => object> = [
  function orderBot(index) {
    const [item, price] = [['pizza', 12], ['salad', 8], ['soda', 2]][index % 3] as [string, number];
    const quantity = 1 + (index % 10);
    const contact = contactOf(index);
    return {
      flow: flow('order-bot'), contact, number: '+15555550100',
      mocks: [{ url: 'http://127.0.0.1:4010/orders', method: 'POST', status: 201, body: { order_id: `B${index}`, ready_in_minutes: 15 + (index % 30) } }],
      tests: [{
        name: `orders ${quantity} ${item}`,
        turns: [
          { send: 'hi' }, { send: index % 2 ? item.toUpperCase() : ` ${item} ` }, { send: String(quantity) }, { send: ['yes', 'y', 'ok'][index % 3] },
          { expect: { message: { matches: '^What would you like' } } },
          { expect: { message: `How many ${item} orders? Reply a number from 1 to 10.` } },
          { expect: { message: `${quantity} x ${item} = $${quantity * price}. Reply YES to order or NO to cancel.` } },
          { expect: {
            http: { url: 'http://127.0.0.1:4010/orders', method: 'POST', body: { customer: contact, item, quantity, total: quantity * price } },
            message: `Order B${index} is in the oven. Ready in ${15 + (index % 30)} minutes!`,
            ended: true,
          } },
        ],
      }],
    };
  },
  function keywordRouter(index) {
    const cases = [
      { send: 'STOP', reply: "You're unsubscribed. Text START to come back.", path: ['route_keyword', 'send_unsubscribed'] },
      { send: 'help', reply: 'Text HOURS for opening hours or STOP to unsubscribe. Anything else goes to our team.', path: ['route_keyword', 'send_help'] },
      { send: 'your hours?', at: '12:30', reply: "We're open until 17:00 today. Come on in!", path: ['route_keyword', 'check_open', 'send_open'] },
      { send: 'hours', at: '06:15', reply: "We're closed right now (06:15 here). Hours are 09:00-17:00.", path: ['route_keyword', 'check_open', 'send_closed'] },
      { send: 'hours today', at: '19:40', reply: "We're closed right now (19:40 here). Hours are 09:00-17:00.", path: ['route_keyword', 'check_open', 'send_closed'] },
      { send: `Is table ${index} free?`, reply: `Thanks! Someone from our team will reply to "Is table ${index} free?" soon.`, path: ['route_keyword', 'send_forwarded'] },
    ];
    const chosen = cases[index % cases.length];
    return {
      flow: flow('keyword-router'), contact: contactOf(index), number: '+15555550104',
      // Studio reads "now" in Pacific time.
      ...(chosen.at ? { start: `2026-03-02T${chosen.at}:00-08:00` } : {}),
      tests: [{ name: `texts ${chosen.send}`, turns: [{ send: chosen.send }, { expect: { message: chosen.reply, path: chosen.path, ended: true } }] }],
    };
  },
  function pizzaIvr(index) {
    const cases = [
      { name: 'hears the special', turns: [{ press: '1' }, 'hangup'], heard: "Today's special is a large margherita for ten dollars.", path: ['welcome', 'menu', 'route', 'special', 'menu'] },
      { name: 'leaves a message', turns: [{ press: '2' }, { record: `order ${index}` }], heard: { matches: '^Leave your name' }, path: ['welcome', 'menu', 'route', 'before_message', 'voicemail', 'thanks'] },
      { name: 'hangs up on a busy shop', busy: true, turns: [{ press: '3' }, 'hangup'], heard: 'The shop cannot take your call right now.', path: ['welcome', 'menu', 'route', 'transfer', 'after_transfer', 'shop_busy', 'before_message', 'voicemail'] },
      { name: 'presses wrong keys', turns: [{ press: '9' }, { press: '8' }, { press: '7' }], heard: 'Sorry, that is not one of the choices.', path: ['welcome', 'menu', 'route', 'bad_choice', 'count_try', 'too_many', 'menu', 'route', 'bad_choice', 'count_try', 'too_many', 'menu', 'route', 'bad_choice', 'count_try', 'too_many', 'goodbye'] },
    ];
    const chosen = cases[index % cases.length];
    return {
      flow: flow('pizza-ivr'), channel: 'voice', contact: contactOf(index), number: '+15555550101',
      ...(chosen.busy ? { handsets: { '+15555550199': 'busy' } } : {}),
      tests: [{
        name: chosen.name,
        turns: [
          ...chosen.turns,
          { expect: { heard: 'Thanks for calling Switchboard Pizza.' } },
          { expect: { heard: { matches: '^Press 1' } } },
          { expect: { heard: chosen.heard, path: chosen.path, ended: true } },
        ],
      }],
    };
  },
  function reminderCall(index) {
    const date = `day ${index}`;
    const text = `Reminder: your appointment is on ${date}. Reply or call us to change it.`;
    const cases = [
      { name: 'confirms', turns: [{ press: '1' }], heard: { matches: '^Hello Bo' }, path: ['call', 'who_answered', 'ask', 'answer', 'confirmed'] },
      { name: 'cancels', turns: [{ press: '2' }], heard: { matches: '^Hello Bo' }, path: ['call', 'who_answered', 'ask', 'answer', 'cancelled'] },
      { name: 'has a machine answer', turns: [{ answer: 'machine' }], heard: `Hello Bo, this is a reminder of your appointment on ${date}. Please call us if you need to change it.`, path: ['call', 'who_answered', 'leave_message'] },
      { name: 'is busy', turns: [{ answer: 'busy' }], message: text, path: ['call', 'text_instead'] },
      { name: 'does not pick up', turns: [{ answer: 'no-answer' }, { wait: 'timeout' }], message: text, path: ['call', 'text_instead'] },
    ];
    const chosen = cases[index % cases.length];
    return {
      flow: flow('reminder-call'), channel: 'rest', contact: contactOf(index), number: '+15555550102', parameters: { name: 'Bo', date },
      tests: [{
        name: chosen.name,
        turns: [...chosen.turns, { expect: { ...(chosen.heard ? { heard: chosen.heard } : { message: chosen.message }), path: chosen.path, ended: true } }],
      }],
    };
  },
  function appointmentReminder(index) {
    const cases = [
      { reply: 'C', answer: `Thanks Cy, see you on slot ${index}.` },
      { reply: 'confirm', answer: `Thanks Cy, see you on slot ${index}.` },
      { reply: 'R', answer: 'Please call +15555550103 to pick a new time.' },
      { reply: `maybe ${index}`, answer: `Sorry, we did not understand "maybe ${index}". Please call us to confirm.` },
      { wait: 'timeout', answer: 'We did not hear back; we will call you to confirm.' },
    ];
    const chosen = cases[index % cases.length];
    return {
      flow: flow('appointment-reminder'), channel: 'rest', contact: contactOf(index), number: '+15555550103', parameters: { name: 'Cy', when: `slot ${index}` },
      tests: [{
        name: chosen.reply ? `replies ${chosen.reply}` : 'never replies',
        turns: [
          chosen.reply ? { send: chosen.reply } : { wait: chosen.wait },
          { expect: { message: { matches: '^Hi Cy, ' } } },
          { expect: { message: chosen.answer, ended: true } },
        ],
      }],
    };
  },
];

interface Run {
  tests: number;
  ms: number;
  /** This process's CPU time: unlike wall time, hardly moved by other processes on a busy machine. */
  cpuMs: number;
  /** Each test's own time as the runner prints it. */
  testMs: number[];
}

/** One `switchboard test` over the paths, in-process; progress on stderr every `every` tests. */
async function runTests(paths: string[], label: string, every: number): Promise<Run> {
  const testMs: number[] = [];
  let passed = 0;
  const began = performance.now();
  const cpuBefore = process.cpuUsage();
  const code = await testCommand(paths, {}, {
    print(line) {
      const result = /^([✓✗]) .* \((\d+) ms\)$/.exec(line);
      if (!result) return;
      testMs.push(Number(result[2]));
      if (result[1] === '✓') passed++;
      if (testMs.length % every === 0) process.stderr.write(`  ${label}: ${testMs.length} tests\n`);
    },
  });
  const ms = performance.now() - began;
  const cpu = process.cpuUsage(cpuBefore);
  if (code !== 0 || passed !== testMs.length) throw new Error(`${label}: ${testMs.length - passed} of ${testMs.length} tests failed (exit code ${code})`);
  return { tests: testMs.length, ms, cpuMs: (cpu.user + cpu.system) / 1000, testMs };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function main(): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'switchboard-test-bench-'));
  try {
    for (let index = 0; index < fileCount; index++) {
      const generate = generators[index % generators.length];
      await writeFile(join(folder, `${generate.name}-${index}.flowtest.yaml`), stringify(generate(Math.floor(index / generators.length))));
    }
    const examples = (await readdir('examples/tests')).filter((name) => name.endsWith('.flowtest.yaml')).map((name) => join('examples/tests', name));
    process.stderr.write(`wrote ${fileCount} test files to ${folder}\n`);
    await runTests(examples, 'warm-up', 1000);

    const bench: Run[] = [];
    const baseline: Run[] = [];
    for (let run = 1; run <= runs; run++) {
      bench.push(await runTests([folder], `run ${run}/${runs}`, 250));
      baseline.push(await runTests(examples, `baseline ${run}/${runs}`, 1000));
      const last = bench[run - 1];
      process.stderr.write(`run ${run}/${runs}: ${last.tests} tests in ${(last.ms / 1000).toFixed(1)} s, ${(last.ms / last.tests).toFixed(2)} ms per test\n`);
    }

    const perTest = median(bench.map((run) => run.ms / run.tests));
    const basePerTest = median(baseline.map((run) => run.ms / run.tests));
    console.log(`test benchmark: ${fileCount} files, ${bench[0].tests} tests x ${runs} runs (medians); load average ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`);
    console.log(`  total time          ${(median(bench.map((run) => run.ms)) / 1000).toFixed(2)} s`);
    console.log(`  ms per test         ${perTest.toFixed(2)} average, ${median(bench.map((run) => median(run.testMs)))} median test   (target < ${targetMs}) ${perTest < targetMs ? 'PASS' : 'MISS'}`);
    console.log(`  CPU ms per test     ${median(bench.map((run) => run.cpuMs / run.tests)).toFixed(2)}`);
    console.log(`  baseline: examples/tests (${baseline[0].tests} tests) ${basePerTest.toFixed(2)} ms per test; bench / baseline = ${(perTest / basePerTest).toFixed(2)}x`);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

await main();
