import { watch, type FSWatcher } from 'node:fs';
import { readdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Step } from '../engine/execution-state.ts';
import { describeError } from '../errors.ts';
import type { FlowDefinition } from '../flow/definition.ts';
import { coverageTable, flowCoverage, percent, type FlowCoverage } from '../testing/coverage.ts';
import type { FlowTestFile, HttpMock } from '../testing/flow-test.ts';
import { junitReport, type JunitCase } from '../testing/junit-report.ts';
import { FlowTestFileError, readFlowTestFile } from '../testing/read-flow-test.ts';
import { runFlowTest, type TestOutcome } from '../testing/run-flow-test.ts';
import { loadTestFlow } from '../testing/test-flow-source.ts';
import { TestWorld } from '../testing/test-world.ts';

export interface TestOptions {
  junit?: string;
  coverage?: boolean;
  /** Fail when any flow's widget or transition coverage is under this percentage. */
  coverageMin?: string;
  allowNet?: boolean;
  watch?: boolean;
}

export interface TestIO {
  print: (line: string) => void;
  /** Resolves when a watch should stop (Ctrl-C); only read with --watch. */
  stopped?: Promise<void>;
}

const testFilePattern = /\.flowtest\.(ya?ml|json)$/;

/** `switchboard test [paths…]`: runs flow test files and reports; exit code 1 when any test fails. */
export async function testCommand(paths: string[], options: TestOptions, io: TestIO): Promise<number> {
  const coverageMin = options.coverageMin === undefined ? undefined : Number(options.coverageMin);
  if (coverageMin !== undefined && (!/^\d+(\.\d+)?$/.test(options.coverageMin ?? '') || coverageMin > 100)) {
    io.print(`--coverage-min must be a percentage from 0 to 100, not "${options.coverageMin}"`);
    return 2;
  }
  const world = await TestWorld.open({ allowNet: options.allowNet ?? false });
  try {
    const run = () => runAll(world, paths.length > 0 ? paths : ['.'], { ...options, coverage: options.coverage || coverageMin !== undefined }, coverageMin, io.print);
    const result = await run();
    if (!options.watch) return result.exitCode;
    return await watchAndRerun(result.watched, run, io);
  } finally {
    await world.close();
  }
}

interface RunResult {
  exitCode: number;
  /** The test files and flow files the run read, for --watch. */
  watched: string[];
}

async function runAll(world: TestWorld, paths: string[], options: TestOptions, coverageMin: number | undefined, print: (line: string) => void): Promise<RunResult> {
  const found = await findTestFiles(paths);
  const watched = [...found.files];
  const junit: JunitCase[] = [];
  let passed = 0;
  let failed = 0;
  const problems: string[] = [...found.errors];
  const files: Array<{ file: FlowTestFile; definition: FlowDefinition }> = [];
  for (const path of found.files) {
    try {
      const file = await readFlowTestFile(path);
      if (typeof file.flow === 'string') watched.push(file.flow);
      const flow = await loadTestFlow(file.flow);
      if ('error' in flow) throw new FlowTestFileError(path, 1, 'flow', flow.error);
      files.push({ file, definition: flow.definition });
    } catch (error) {
      if (!(error instanceof FlowTestFileError)) throw error;
      problems.push(error.message);
      junit.push({ file: displayName(path), name: '(the test file)', seconds: 0, failure: { message: error.message, details: error.message } });
    }
  }
  const total = files.reduce((sum, { file }) => sum + file.tests.length, 0);
  print(`Running ${total} test${total === 1 ? '' : 's'} in ${files.length} file${files.length === 1 ? '' : 's'}`);
  for (const problem of problems) print(`✗ ${problem}`);

  const stepsByFlow = new Map<string, { definition: FlowDefinition; steps: Step[] }>();
  const fileIdentities = new Map<string, number>();
  for (const { file, definition } of files) {
    const name = displayName(file.file);
    const flowName = typeof file.flow === 'string' ? displayName(file.flow) : `${file.flow.sid}@${file.flow.revision ?? 'latest'}`;
    // SIDs are seeded from the file's name and the test's; same-named files in different folders must not share them within one run.
    const seen = fileIdentities.get(basename(file.file)) ?? 0;
    fileIdentities.set(basename(file.file), seen + 1);
    const fileIdentity = seen === 0 ? basename(file.file) : `${basename(file.file)}#${seen}`;
    const flow = await world.publishFlow(definition, basename(flowName), fileIdentity);
    const used = new Set<HttpMock>();
    for (const [index, test] of file.tests.entries()) {
      const outcome = await runFlowTest(world, flow, test, `${fileIdentity}#${index}:${test.name}`);
      for (const mock of outcome.usedMocks) used.add(mock);
      const coverage = stepsByFlow.get(flowName) ?? { definition, steps: [] };
      coverage.steps.push(...outcome.steps);
      stepsByFlow.set(flowName, coverage);
      const seconds = outcome.milliseconds / 1000;
      if (outcome.failure) {
        failed++;
        const report = failureReport(outcome);
        print(`✗ ${name} › ${test.name} (${Math.round(outcome.milliseconds)} ms)`);
        for (const line of report) print(`    ${line}`);
        junit.push({ file: name, name: test.name, seconds, failure: { message: report[1] ?? report[0], details: report.join('\n') } });
      } else {
        passed++;
        print(`✓ ${name} › ${test.name} (${Math.round(outcome.milliseconds)} ms)`);
        junit.push({ file: name, name: test.name, seconds });
      }
    }
    await world.removeFlow(flow);
    const mocks = new Set(file.tests.flatMap((test) => test.mocks));
    for (const mock of mocks) if (!used.has(mock)) print(`warning: ${name}: the mock for ${mock.method ?? 'any method'} ${mock.url} was never used`);
  }

  let belowMinimum = false;
  if (options.coverage) {
    for (const [flow, { definition, steps }] of stepsByFlow) {
      const coverage = flowCoverage(flow, definition, steps);
      print('');
      for (const line of coverageTable(coverage)) print(line);
      if (coverageMin !== undefined && lowest(coverage) < coverageMin) {
        belowMinimum = true;
        print(`✗ ${flow}: coverage ${lowest(coverage)}% is under --coverage-min ${coverageMin}%`);
      }
    }
  }
  const junitWritten = options.junit ? await writeJunit(options.junit, junit, print) : true;
  print('');
  print(`${passed} passed, ${failed + problems.length} failed`);
  const exitCode = failed > 0 || problems.length > 0 || belowMinimum || total === 0 || !junitWritten ? 1 : 0;
  if (total === 0 && problems.length === 0) print(`No test files (*.flowtest.yaml, *.flowtest.json) under ${paths.join(', ')}`);
  return { exitCode, watched };
}

/** --junit: a report that cannot be written fails the run, since CI would read a stale or missing one. */
async function writeJunit(file: string, cases: JunitCase[], print: (line: string) => void): Promise<boolean> {
  try {
    await writeFile(file, junitReport(cases));
    return true;
  } catch (error) {
    print(`✗ cannot write the JUnit report ${file}: ${describeError(error)}`);
    return false;
  }
}

function lowest(coverage: FlowCoverage): number {
  return Math.min(percent(coverage.widgetsEntered, coverage.widgetCount), percent(coverage.transitionsTaken, coverage.transitionCount));
}

/** The lines under a failed test: where, expected, actual, and the steps so far. */
function failureReport(outcome: TestOutcome): string[] {
  const { failure, steps } = outcome;
  if (!failure) return [];
  return [
    `${failure.what} (turn ${failure.turn}, line ${failure.line})`,
    `expected: ${failure.expected}`,
    `actual:   ${failure.actual}`,
    'steps so far:',
    ...(steps.length === 0 ? ['  (none)'] : steps.map((step) => `  ${step.transitioned_from} --${step.name}--> ${step.transitioned_to}`)),
  ];
}

/** Test files under the paths: files as given, folders searched (node_modules and dot folders skipped). */
async function findTestFiles(paths: string[]): Promise<{ files: string[]; errors: string[] }> {
  const files = new Set<string>();
  const errors: string[] = [];
  const walk = async (folder: string): Promise<void> => {
    for (const entry of (await readdir(folder, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) await walk(join(folder, entry.name));
      else if (entry.isFile() && testFilePattern.test(entry.name)) files.add(resolve(folder, entry.name));
    }
  };
  for (const path of paths) {
    try {
      if ((await stat(path)).isDirectory()) await walk(path);
      else files.add(resolve(path));
    } catch {
      errors.push(`${path}: no such file or folder`);
    }
  }
  return { files: [...files], errors };
}

function displayName(path: string): string {
  const name = relative(process.cwd(), path);
  return name.startsWith('..') ? path : name;
}

/** --watch: runs again whenever a test file, a flow file or a folder holding them changes. */
async function watchAndRerun(initial: string[], run: () => Promise<RunResult>, io: TestIO): Promise<number> {
  let watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const watchAll = (paths: string[]) => {
    for (const watcher of watchers) watcher.close();
    const folders = new Set(paths.map((path) => dirname(path)));
    watchers = [...folders].map((folder) =>
      watch(folder, (_event, name) => {
        if (!name || name.startsWith('.')) return;
        clearTimeout(timer);
        // Editors write a file in several steps; one run after they settle.
        timer = setTimeout(() => {
          running = running.then(async () => {
            io.print('');
            io.print(`Change in ${name}; running again`);
            watchAll((await run()).watched);
            io.print('Watching for changes (Ctrl-C to stop)');
          });
        }, 100);
      }),
    );
  };
  watchAll(initial);
  io.print('Watching for changes (Ctrl-C to stop)');
  await (io.stopped ?? new Promise<void>(() => {}));
  clearTimeout(timer);
  for (const watcher of watchers) watcher.close();
  await running;
  return 0;
}
