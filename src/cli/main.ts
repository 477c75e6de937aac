import { Command } from 'commander';
import type { ServeFlags } from './serve-command.ts';

// Each command loads its own code when it runs, so that `validate` does not pay for the server's.

const print = (line: string) => process.stdout.write(`${line}\n`);
// Output piped into `head` and the like may be cut off: stop quietly, as Unix tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const program = new Command()
  .name('switchboard')
  .description('A self-hostable Twilio Studio: run flows, the Studio and Messages APIs, and an emulated phone network')
  .showHelpAfterError();

program
  .command('serve')
  .description('start the server: Studio REST API v2, the 2010-04-01 API, flow webhooks and the emulated network')
  .option('--port <port>', 'port to listen on', process.env.PORT ?? '3000')
  .option('--host <host>', 'address to listen on', '0.0.0.0')
  .option('--db <file>', "SQLite database file (':memory:' for none)", './data/switchboard.db')
  .option('--clock <kind>', 'system, or virtual (moved by POST /emulator/v1/Clock)', 'system')
  .option('--public-url <url>', 'base URL put into webhooks and links (default http://localhost:<port>)')
  .option('--log-level <level>', 'fatal, error, warn, info, debug or trace', 'info')
  .option('--no-verify-signatures', 'accept flow webhooks without a valid X-Twilio-Signature')
  .option('--no-examples', 'do not load examples/ on first start')
  .option('--carrier <carrier>', 'emulator, or twilio (TWILIO_ACCOUNT_SID with TWILIO_AUTH_TOKEN or TWILIO_API_KEY/TWILIO_API_SECRET; needs --public-url)', 'emulator')
  .option('--voice-option <name=value>', 'a choice the voice reference leaves open (repeatable; see docs/behaviour-choices.md)', (value: string, previous: string[]) => [...previous, value], [] as string[])
  .action(async (flags: ServeFlags) => {
    const { serveCommand } = await import('./serve-command.ts');
    process.exitCode = await serveCommand(flags, print);
  });

program
  .command('validate')
  .description("check flow files (Studio v2 or legacy JSON) and print each file's errors and warnings")
  .argument('<files...>', 'flow JSON files ("-" reads stdin)')
  .option('--json', 'print an array of {file, valid, errors, warnings}')
  .action(async (files: string[], options: { json?: boolean }) => {
    const { validateCommand } = await import('./validate-command.ts');
    process.exitCode = await validateCommand(files, options, print);
  });

program
  .command('diagram')
  .description('draw a flow file (Studio v2 or legacy JSON) as a numbered outline, Mermaid, SVG or an HTML page')
  .argument('<flow>', 'flow JSON file ("-" reads stdin)')
  .addOption(program.createOption('--format <format>', 'mermaid is for Markdown; svg and html are one self-contained file').choices(['ascii', 'mermaid', 'html', 'svg']).default('ascii'))
  .option('--output <file>', 'write the diagram to this file instead of stdout')
  .action(async (file: string, options: { format: import('./diagram-command.ts').DiagramFormat; output?: string }) => {
    const { diagramCommand } = await import('./diagram-command.ts');
    process.exitCode = await diagramCommand(file, options, print);
  });

program
  .command('chat')
  .description('text a flow from the terminal; each input line is a message from the contact')
  .argument('<flow>', 'flow JSON file')
  .option('--from <number>', "the contact's number", '+15555550100')
  .option('--to <number>', "the flow's number", '+15555550199')
  .option('--data <json>', 'start at once with a REST trigger, with this JSON as flow.data')
  .option('--steps', 'print every step the flow takes')
  .option('--voice', 'call the flow instead: lines are digits, "say: words", "record: words", /timeout, /hangup; prints what the caller hears')
  .option('--record <file>', 'when the chat ends, write it as a flow test file (e.g. order.flowtest.yaml), with the HTTP the flow made as mocks')
  .action(async (file: string, options: import('./chat-command.ts').ChatOptions) => {
    const { chatCommand } = await import('./chat-command.ts');
    process.exitCode = await chatCommand(file, options, { input: process.stdin, print, echo: !process.stdin.isTTY });
  });

program
  .command('diff')
  .description('what changed from flow a to flow b: widgets added, removed and renamed, property and transition changes; exit code 0 same, 1 different, 2 bad input')
  .argument('<a>', 'the flow before (Studio v2 or legacy JSON; "-" reads stdin)')
  .argument('<b>', 'the flow after')
  .option('--layout', 'report widgets moved on the canvas too (offsets are ignored otherwise)')
  .option('--json', 'print {files, same, added, removed, renamed, changed, flow}')
  // A usage error exits 2, like bad input: CI reads exit code 1 as "the flows differ".
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .action(async (a: string, b: string, options: { layout?: boolean; json?: boolean }) => {
    const { diffCommand } = await import('./diff-command.ts');
    process.exitCode = await diffCommand(a, b, options, { print, printError: (line) => process.stderr.write(`${line}\n`) });
  });

program
  .command('fmt')
  .description('rewrite flow files in one canonical form (key order, state order, two-space indent) so that diffs stay small')
  .argument('<files...>', 'flow JSON files')
  .option('--check', 'write nothing; list the files that are not formatted and exit 1 if any')
  .option('--convert', 'write legacy-format files in the v2 format (they are left alone otherwise)')
  .action(async (files: string[], options: { check?: boolean; convert?: boolean }) => {
    const { fmtCommand } = await import('./fmt-command.ts');
    process.exitCode = await fmtCommand(files, options, print);
  });

program
  .command('test')
  .description('run flow test files (*.flowtest.yaml): scripted conversations with HTTP mocks on a virtual clock; exit code 1 when any fails')
  .argument('[paths...]', 'test files, or folders to search (default: the current folder)')
  .option('--coverage', "print each flow's widgets and transitions the tests exercised")
  .option('--coverage-min <percent>', "fail when a flow's widget or transition coverage is under this")
  .option('--junit <file>', 'also write the results as JUnit XML')
  .option('--allow-net', 'let HTTP requests that no mock answers go out, instead of failing the test')
  .option('--watch', 'run again whenever a test file or a flow changes')
  .action(async (paths: string[], options: import('./test-command.ts').TestOptions) => {
    const { testCommand } = await import('./test-command.ts');
    const stopped = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
    process.exitCode = await testCommand(paths, options, { print, stopped });
  });

// pull, push and status reach the Twilio account of TWILIO_ACCOUNT_SID (or TWILIO_API_BASE_URL).
const syncIo = () => ({ env: process.env, print, printError: (line: string) => process.stderr.write(`${line}\n`) });
const environmentOptions = (command: Command) =>
  command
    .option('--env <file>', 'environments file mapping ${PLACEHOLDERS} to values (default switchboard.env.yaml with --environment)')
    .option('--environment <name>', 'which environment of the file: its values replace placeholders on push, and become them again on pull')
    // A usage error exits 2: exit code 1 means the remote or a file failed.
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2));

environmentOptions(
  program
    .command('pull')
    .description('download flows from Twilio Studio v2 into files in fmt\'s canonical form, and record what was pulled for status')
    .argument('[flows...]', 'friendly names or FW SIDs (default: every flow)')
    .option('--dir <folder>', 'where the flow files go', 'flows')
    .option('--force', 'overwrite files whose changes were never pushed'),
).action(async (flows: string[], options: import('./pull-command.ts').PullCommandOptions) => {
  const { pullCommand } = await import('./pull-command.ts');
  process.exitCode = await pullCommand(flows, options, syncIo());
});

environmentOptions(
  program
    .command('push')
    .description('create or update Twilio Studio flows from files, as drafts or published; each flow is validated first and saved whole or not at all')
    .argument('<files...>', 'flow JSON files (the file name is the friendly name of a new flow)')
    .option('--publish', 'publish the new revision (default: save it as a draft; the published revision stays live)')
    .option('--message <text>', 'the commit message of the revision'),
).action(async (files: string[], options: import('./push-command.ts').PushCommandOptions) => {
  const { pushCommand } = await import('./push-command.ts');
  process.exitCode = await pushCommand(files, options, syncIo());
});

environmentOptions(
  program
    .command('status')
    .description('local flow files against the remote flows: new, remote only, unchanged, changed locally, changed remotely since the last pull, changed on both')
    .option('--dir <folder>', 'the folder of flow files', 'flows')
    .option('--json', 'print an array of {file, friendlyName, sid, revision, status}'),
).action(async (options: import('./status-command.ts').StatusCommandOptions) => {
  const { statusCommand } = await import('./status-command.ts');
  process.exitCode = await statusCommand(options, syncIo());
});

program
  .command('twiml')
  .description('TwiML tools')
  .command('validate')
  .description("check a TwiML document the way Twilio does: 12100 when it does not parse, 12200 and 13xxx warnings")
  .argument('<file>', 'a TwiML file ("-" reads stdin)')
  .option('--messaging', 'messaging TwiML (the default is voice, unless the document holds <Message>)')
  .option('--json', 'print {file, dialect, valid, findings}')
  .action(async (file: string, options: { messaging?: boolean; json?: boolean }) => {
    const { twimlValidateCommand } = await import('./twiml-validate-command.ts');
    process.exitCode = await twimlValidateCommand(file, options, print);
  });

// Numbers of the real Twilio account (TWILIO_* environment variables), and the flows they go to.
const numbers = program.command('numbers').description('numbers of the Twilio account in TWILIO_ACCOUNT_SID: where their calls and messages go');
numbers
  .command('connect')
  .description("point a number's calls and messages (and its call status callback) at a flow of the Switchboard server")
  .argument('<number>', 'the E.164 number, e.g. +15551234567')
  .requiredOption('--flow <flow>', 'the flow: its SID (FW…) or friendly name on the server')
  .option('--voice', 'only calls')
  .option('--sms', 'only messages')
  .option('--server <url>', 'the Switchboard server that runs the flow (same credentials)', 'http://localhost:3000')
  .option('--public-url <url>', "the base URL Twilio reaches the server at (default: the server's own webhook URLs)")
  .action(async (number: string, options: import('./numbers-command.ts').ConnectFlags) => {
    const { numbersConnectCommand } = await import('./numbers-command.ts');
    process.exitCode = await numbersConnectCommand(number, options, { print, env: process.env });
  });
numbers
  .command('list')
  .description("each number and where its calls and messages go (a flow's name when it is one of the server's)")
  .option('--server <url>', 'the Switchboard server whose flows are named', 'http://localhost:3000')
  .action(async (options: import('./numbers-command.ts').NumbersFlags) => {
    const { numbersListCommand } = await import('./numbers-command.ts');
    process.exitCode = await numbersListCommand(options, { print, env: process.env });
  });

await program.parseAsync(process.argv);
