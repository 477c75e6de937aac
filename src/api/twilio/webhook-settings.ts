import { oneOf, optionalHttpUrl, optionalString, type Params } from '../params.ts';

/**
 * The webhook settings numbers and applications share, read from Twilio's parameters:
 * `FriendlyName`, URLs (`''` clears one) and their methods (GET or POST).
 */
export function webhookSettings<Settings extends object>(
  params: Params,
  urlFields: Readonly<Record<string, keyof Settings>>,
  methodFields: Readonly<Record<string, keyof Settings>>,
): Partial<Settings> {
  const settings: Record<string, unknown> = {};
  const friendlyName = optionalString(params, 'FriendlyName');
  if (friendlyName !== undefined) settings.friendlyName = friendlyName;
  for (const [param, field] of Object.entries(urlFields)) {
    const url = optionalHttpUrl(params, param);
    if (url !== undefined) settings[field as string] = url === '' ? null : url;
  }
  for (const [param, field] of Object.entries(methodFields)) {
    const method = oneOf(params, param, ['GET', 'POST'] as const);
    if (method) settings[field as string] = method;
  }
  return settings as Partial<Settings>;
}
