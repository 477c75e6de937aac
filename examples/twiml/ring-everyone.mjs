// "Ring all and require everyone": call every contact, and call again whoever did not answer or
// did not press 1, until everyone has confirmed. Plain Node and the official `twilio` package.
//
//   node examples/twiml/ring-everyone.mjs <twiml-url> <from> <contact>...
//
// runs it against `npm start` (http://localhost:3000, credentials from data/credentials); the
// TwiML URL is ring-everyone.xml served as a TwiML Bin (see README.md).
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import twilio from 'twilio';

/**
 * Calls each contact once (REST Calls API) with the TwiML at `twimlUrl`, and again after each
 * call that ends unconfirmed, up to `maxAttempts` calls per contact. A small HTTP listener hears
 * the Gather's key press (`/confirm`, passed to the TwiML as ConfirmUrl) and each call's
 * `completed` status callback (`/status`), which is when a contact is called again.
 * Resolves with { confirmed, gaveUp, attempts } once every contact is settled.
 *
 * Options: timeout (ring seconds, 20), maxAttempts (5), onCall({ contact, callSid, attempt }),
 * publicUrl (how Twilio reaches the listener, default http://127.0.0.1:<port>; on real Twilio use
 * a public address such as an ngrok tunnel).
 */
export async function ringEveryone(client, from, contacts, twimlUrl, options = {}) {
  const { timeout = 20, maxAttempts = 5, onCall = () => {}, publicUrl } = options;
  const attempts = Object.fromEntries(contacts.map((contact) => [contact, 0]));
  const confirmed = new Set();
  const settled = new Set(); // confirmed, or given up on
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));

  const listener = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', async () => {
      // A real app should check X-Twilio-Signature here (twilio.validateRequest).
      const params = new URLSearchParams(body);
      const contact = params.get('To');
      if (request.url.startsWith('/confirm')) {
        const twiml = new twilio.twiml.VoiceResponse();
        if (params.get('Digits') === '1') {
          confirmed.add(contact);
          twiml.say('Thank you. You are confirmed.');
        } else {
          twiml.redirect(callUrl); // another key: ask again
        }
        response.writeHead(200, { 'content-type': 'text/xml' }).end(twiml.toString());
        return;
      }
      // The call has ended (completed, busy, no-answer, failed or canceled).
      if (!confirmed.has(contact) && attempts[contact] < maxAttempts) {
        await call(contact).catch(() => settled.add(contact));
      } else {
        settled.add(contact);
      }
      response.end();
      if (settled.size === contacts.length) finish();
    });
  });
  await new Promise((resolve) => listener.listen(0, '127.0.0.1', resolve));
  const base = publicUrl ?? `http://127.0.0.1:${listener.address().port}`;
  const url = new URL(twimlUrl);
  url.searchParams.set('ConfirmUrl', `${base}/confirm`);
  const callUrl = url.href;

  async function call(contact) {
    attempts[contact] += 1;
    const placed = await client.calls.create({
      to: contact,
      from,
      url: callUrl,
      timeout,
      statusCallback: `${base}/status`,
      statusCallbackEvent: ['completed'],
    });
    onCall({ contact, callSid: placed.sid, attempt: attempts[contact] });
  }

  try {
    await Promise.all(contacts.map(call));
    await finished;
  } finally {
    listener.close();
  }
  return {
    confirmed: contacts.filter((contact) => confirmed.has(contact)),
    gaveUp: contacts.filter((contact) => !confirmed.has(contact)),
    attempts,
  };
}

// Run from the command line: against a local Switchboard (`npm start`).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [twimlUrl, from, ...contacts] = process.argv.slice(2);
  if (!twimlUrl || !from || contacts.length === 0) {
    console.error('usage: node examples/twiml/ring-everyone.mjs <twiml-url> <from> <contact>...');
    process.exit(2);
  }
  const server = process.env.SWITCHBOARD_URL ?? 'http://localhost:3000';
  const [accountSid, authToken] = readFileSync(process.env.SWITCHBOARD_CREDENTIALS ?? 'data/credentials', 'utf8').trim().split(':');
  // The official client, with https://*.twilio.com rewritten to the local server.
  class Local extends twilio.RequestClient {
    request(options) {
      return super.request({ ...options, uri: options.uri.replace(/^https:\/\/[a-z]+\.twilio\.com/, server) });
    }
  }
  const client = twilio(accountSid, authToken, { httpClient: new Local() });
  const onCall = ({ contact, callSid, attempt }) => console.log(`calling ${contact} (attempt ${attempt}): ${callSid}`);
  console.log(JSON.stringify(await ringEveryone(client, from, contacts, twimlUrl, { onCall }), null, 2));
}
