import { seededSids } from '../src/runtime/sid-generator.ts';
import { carrierContract } from './carrier-contract.ts';
import { freePort, startProcess } from './support/child-process.ts';
import { accountSid, authToken, testServer } from './support/test-server.ts';

/** The emulator, as the runtime uses it: its messaging network and its voice network. */
carrierContract('the emulator', async () => {
  const server = await testServer();
  return { messages: server.context.network, calls: server.context.voice, network: server, close: () => server.close() };
});

/**
 * The Twilio carrier, pointed (TWILIO_API_BASE_URL) at a second Switchboard server playing
 * Twilio: its status callbacks come to the first server's carrier routes, signed.
 */
carrierContract('the Twilio carrier against a Switchboard server', async () => {
  const twilio = await testServer();
  const server = await testServer({ sids: seededSids(33), twilio: { accountSid, username: accountSid, password: authToken, authToken, baseUrl: twilio.url } });
  const carrier = server.context.twilioCarrier!;
  return {
    messages: carrier,
    calls: carrier,
    network: twilio,
    async close() {
      await server.close();
      await twilio.close();
    },
  };
});

/**
 * The Twilio carrier against `switchboard serve` in its own process, as issue 8 asks: the numbers,
 * handsets and call transcripts are in that process, reached only over HTTP.
 */
carrierContract('the Twilio carrier against a Switchboard process', async () => {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const args = ['bin/switchboard.js', 'serve', '--port', String(port), '--host', '127.0.0.1', '--db', ':memory:', '--clock', 'virtual', '--no-examples'];
  const twilio = await startProcess(args, 'Switchboard is running at', { SWITCHBOARD_ACCOUNT_SID: accountSid, SWITCHBOARD_AUTH_TOKEN: authToken });
  const server = await testServer({ sids: seededSids(33), twilio: { accountSid, username: accountSid, password: authToken, authToken, baseUrl: url } });
  const carrier = server.context.twilioCarrier!;
  return {
    messages: carrier,
    calls: carrier,
    network: { url },
    async close() {
      await server.close();
      const exited = new Promise((resolve) => twilio.once('exit', resolve));
      twilio.kill('SIGTERM');
      await exited;
    },
  };
});
