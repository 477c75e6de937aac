import { readFile, stat, writeFile } from 'node:fs/promises';
import { describeError } from '../errors.ts';
import { formatFlowText, type FormatResult } from '../flow/format-definition.ts';
import { maxDefinitionBytes } from '../flow/load-definition.ts';

export interface FmtOptions {
  /** Write nothing; exit 1 when a file is not in canonical form. */
  check?: boolean;
  /** Rewrite legacy-format files in the v2 format. */
  convert?: boolean;
}

/**
 * `switchboard fmt`: rewrites flow files in canonical form and lists what it changed. Every file
 * is read and formatted before any is written, so bad input (exit 2) leaves all files alone.
 */
export async function fmtCommand(files: string[], options: FmtOptions, print: (line: string) => void): Promise<number> {
  const results: { file: string; result: FormatResult }[] = [];
  for (const file of files) results.push({ file, result: await formatFile(file) });

  const invalid = results.flatMap(({ file, result }) => (result.kind === 'invalid' ? [`${file}: ${result.message}`] : []));
  if (invalid.length > 0) {
    invalid.forEach(print);
    print(`Nothing was written: ${invalid.length === 1 ? 'a file is' : `${invalid.length} files are`} not a flow`);
    return 2;
  }

  let unformatted = 0;
  let unwritable = false;
  const write = async (file: string, text: string, done: string) => {
    try {
      await writeFile(file, text);
      print(`${file}: ${done}`);
    } catch (error) {
      unwritable = true;
      print(`${file}: cannot write the file: ${describeError(error)}`);
    }
  };
  for (const { file, result } of results) {
    if (result.kind === 'legacy') {
      unformatted++;
      if (options.check) print(`${file}: legacy format${options.convert ? ', would be converted to v2' : ' (--convert writes it in v2)'}`);
      else if (!options.convert) print(`${file}: legacy format, left alone (--convert writes it in v2)`);
      else await write(file, result.text, 'converted to v2');
    } else if (result.kind === 'formatted' && result.changed) {
      unformatted++;
      if (options.check) print(`${file}: not formatted`);
      else await write(file, result.text, 'formatted');
    }
  }
  if (unwritable) return 2;
  return options.check && unformatted > 0 ? 1 : 0;
}

async function formatFile(file: string): Promise<FormatResult> {
  try {
    if ((await stat(file)).size > maxDefinitionBytes) return { kind: 'invalid', message: `the file is larger than ${maxDefinitionBytes} bytes` };
    return formatFlowText(await readFile(file, 'utf8'));
  } catch (error) {
    return { kind: 'invalid', message: `cannot read the file: ${describeError(error)}` };
  }
}
