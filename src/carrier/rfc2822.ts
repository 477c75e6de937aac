/** A date as Twilio's 2010 API and its callbacks write it: `Thu, 24 Aug 2023 05:01:45 +0000`. */
export function rfc2822(iso: string): string {
  return new Date(iso).toUTCString().replace('GMT', '+0000');
}
