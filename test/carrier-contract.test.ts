import { seededSids } from '../src/runtime/sid-generator.ts';
import { carrierContract } from './carrier-contract.ts';
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
