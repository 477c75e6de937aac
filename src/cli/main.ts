import { Command } from 'commander';
import { chatCommand } from './chat-command.ts';
import { validateCommand } from './validate-command.ts';

const print = (line: string) => process.stdout.write(`${line}\n`);

const program = new Command()
  .name('switchboard')
  .description('Run Twilio Studio flows locally: validate them, and chat with them over SMS')
  .showHelpAfterError();

program
  .command('validate')
  .description("check flow files (Studio v2 or legacy JSON) and print each file's errors and warnings")
  .argument('<files...>', 'flow JSON files ("-" reads stdin)')
  .option('--json', 'print an array of {file, valid, errors, warnings}')
  .action(async (files: string[], options: { json?: boolean }) => {
    process.exitCode = await validateCommand(files, options, print);
  });

program
  .command('chat')
  .description('text a flow from the terminal; each input line is a message from the contact')
  .argument('<flow>', 'flow JSON file')
  .option('--from <number>', "the contact's number", '+15555550100')
  .option('--to <number>', "the flow's number", '+15555550199')
  .option('--data <json>', 'start at once with a REST trigger, with this JSON as flow.data')
  .option('--steps', 'print every step the flow takes')
  .action(async (file: string, options: { from: string; to: string; data?: string; steps?: boolean }) => {
    process.exitCode = await chatCommand(file, options, { input: process.stdin, print, echo: !process.stdin.isTTY });
  });

await program.parseAsync(process.argv);
