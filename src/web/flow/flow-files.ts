import { flowFileName } from '../../flow/flow-file-name.ts';
import type { FlowDefinition } from '../api/types.ts';

/** Reading flows in from files or pasted text, and writing them out as Studio's export does. */

/** The name an imported flow gets: its file's name, else its description, else a plain one. */
export function importedFlowName(fileName: string | undefined, definition: FlowDefinition): string {
  const fromFile = fileName?.replace(/\.json$/i, '').trim();
  return fromFile || definition.description?.trim() || 'Imported flow';
}

/** Studio's export is the definition itself, pretty-printed. */
export function exportText(definition: FlowDefinition): string {
  return `${JSON.stringify(definition, null, 2)}\n`;
}

/** `<friendly name>.json`, with the characters file systems refuse replaced. */
export function exportFileName(friendlyName: string): string {
  return flowFileName(friendlyName, '.json');
}

/** Has the browser save `text` as a file named `fileName`. */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // The click starts the download synchronously; the URL is no longer needed after it.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
