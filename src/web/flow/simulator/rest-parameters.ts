/**
 * Checks the REST trigger's Parameters before sending: Studio takes a JSON object (it becomes
 * `flow.data`). Empty text is no parameters.
 */
export function checkParameters(text: string): { parameters?: string; error?: string } {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Parameters are not valid JSON: ${(error as Error).message}` };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: 'Parameters must be a JSON object, such as {"name": "Ada"}' };
  return { parameters: JSON.stringify(value) };
}
