import { describeError } from '../errors.ts';
import { readInput } from './read-input.ts';
import { messagingSchema } from '../twiml/messaging-schema.ts';
import { schemaFor } from '../twiml/twiml-dialect.ts';
import { validateTwiml } from '../twiml/validate-twiml.ts';

/**
 * `switchboard twiml validate <file|->`: Twilio's findings for a TwiML document, one a line;
 * exit code 1 when any is an error (the document would not run). Voice unless the document
 * holds `<Message>` or `--messaging` is given.
 */
export async function twimlValidateCommand(file: string, options: { messaging?: boolean; json?: boolean }, print: (line: string) => void): Promise<number> {
  let xml: string;
  try {
    xml = await readInput(file);
  } catch (error) {
    const problem = `cannot read the file: ${describeError(error)}`;
    // Still JSON with --json, so that scripts reading the output get something they can parse.
    const dialect = options.messaging ? 'messaging' : 'voice';
    print(options.json ? JSON.stringify({ file, dialect, valid: false, findings: [], error: problem }, null, 2) : `${file}: ${problem}`);
    return 1;
  }
  const { valid, findings, schema } = validateTwiml(xml, options.messaging ? messagingSchema : schemaFor);
  const dialect = (schema ?? (options.messaging ? messagingSchema : undefined)) === messagingSchema ? 'messaging' : 'voice';
  if (options.json) {
    print(JSON.stringify({ file, dialect, valid, findings }, null, 2));
  } else {
    print(`${file}: ${dialect} TwiML, ${valid ? (findings.length ? 'runs, with warnings' : 'valid') : 'INVALID'}`);
    for (const finding of findings) print(`  ${finding.code} ${finding.level.padEnd(7)} ${finding.path}: ${finding.message}`);
  }
  return valid ? 0 : 1;
}
