/**
 * A flow's file name: `<friendly name><extension>`, with the characters file systems refuse
 * replaced, and `flow` for a name left empty. The web app's export and "Save as test" (which the
 * server writes) name files alike, so that a saved test finds the flow exported beside it.
 */
export function flowFileName(friendlyName: string, extension: string): string {
  const safe = friendlyName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '-').trim();
  return `${safe || 'flow'}${extension}`;
}
