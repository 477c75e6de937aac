import type { FlowDefinition } from '../flow/definition.ts';
import { diffFlows, hasChanges, shortJson, summarizeDiff, type FlowDiff, type Offset, type TransitionChange, type WidgetChange } from '../flow/flow-diff.ts';
import { readFlowFile } from './read-flow-file.ts';

export interface DiffOptions {
  json?: boolean;
  layout?: boolean;
}

/** Exit codes, so that CI can gate on a flow having changed and tell that from a broken input. */
const same = 0;
const different = 1;
const badInput = 2;

/**
 * `switchboard diff <a> <b>`: what changed from flow a to flow b, one line per change (or JSON),
 * then a summary. Exit code 0 when they are the same, 1 when they differ, 2 when a file cannot
 * be compared.
 */
export async function diffCommand(
  fileBefore: string,
  fileAfter: string,
  options: DiffOptions,
  output: { print: (line: string) => void; printError: (line: string) => void },
): Promise<number> {
  const before = await readComparable(fileBefore);
  const after = await readComparable(fileAfter);
  for (const side of [before, after]) if ('problem' in side) output.printError(side.problem);
  if ('problem' in before || 'problem' in after) return badInput;

  const diff = diffFlows(before.definition, after.definition, { layout: options.layout });
  if (options.json) output.print(JSON.stringify({ files: [fileBefore, fileAfter], same: !hasChanges(diff), ...diff }, null, 2));
  else {
    diffLines(diff).forEach((line) => output.print(line));
    output.print(summarizeDiff(diff));
  }
  return hasChanges(diff) ? different : same;
}

/** A definition read like `validate` reads it (legacy converted), or why it cannot be compared. */
async function readComparable(file: string): Promise<{ definition: FlowDefinition } | { problem: string }> {
  const { definition, result } = await readFlowFile(file);
  if (definition && hasWidgetList(definition)) return { definition };
  const [first] = result.errors;
  if (!definition && first) return { problem: `${file}: ${first.message}` };
  return { problem: `${file}: not a flow definition${first ? ` (${first.property_path}: ${first.message})` : ''}` };
}

/** The one shape the diff needs: `states` a list of widgets, each with a name and a type. */
function hasWidgetList(definition: FlowDefinition): boolean {
  return Array.isArray(definition.states) &&
    definition.states.every((state: unknown) => typeof state === 'object' && state !== null && typeof (state as { name?: unknown }).name === 'string' && typeof (state as { type?: unknown }).type === 'string');
}

/** One line per change: `+` added, `-` removed, `→` renamed, `~` changed. */
export function diffLines(diff: FlowDiff): string[] {
  return [
    ...diff.added.map((widget) => `+ widget ${widget.name} (${widget.type})`),
    ...diff.removed.map((widget) => `- widget ${widget.name} (${widget.type})`),
    ...diff.renamed.map((rename) => `→ renamed ${rename.from} → ${rename.to}`),
    ...diff.changed.flatMap(widgetLines),
    ...diff.flow.map((change) => `~ flow: ${change.path} ${valueText(change.before)} → ${valueText(change.after)}`),
  ];
}

function widgetLines(change: WidgetChange): string[] {
  const line = (text: string) => `~ widget ${change.name}: ${text}`;
  const lines: string[] = [];
  if (change.typeBefore !== change.typeAfter) lines.push(line(`type ${change.typeBefore} → ${change.typeAfter}`));
  if (change.moved) lines.push(line(`moved ${position(change.moved.before)} → ${position(change.moved.after)}`));
  for (const property of change.properties) lines.push(line(`${property.path} ${valueText(property.before)} → ${valueText(property.after)}`));
  for (const transition of change.transitions) lines.push(...transitionLines(transition).map(line));
  return lines;
}

/** `sent → ask (was farewell)`, and a split's condition changes: `match #1 conditions[0].value "1" → "2"`. */
function transitionLines(change: TransitionChange): string[] {
  const label = change.condition ? `${change.label} (${change.condition})` : change.label;
  const lines: string[] = [];
  if (change.nextBefore !== change.nextAfter) lines.push(`${label} → ${change.nextAfter ?? 'nothing'} (was ${change.nextBefore ?? 'nothing'})`);
  for (const condition of change.conditions) lines.push(`${change.label} ${condition.path} ${valueText(condition.before)} → ${valueText(condition.after)}`);
  return lines;
}

/** A value as one-line JSON, in full: a word changed at the end of a long body must show. */
function valueText(value: unknown): string {
  return shortJson(value, Number.POSITIVE_INFINITY);
}

function position(offset: Offset | undefined): string {
  return offset ? `(${offset.x}, ${offset.y})` : 'none';
}
