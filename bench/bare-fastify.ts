/** The baseline for `npm run bench`: a bare Fastify route that answers `<Response/>`, as a flow webhook does. */
import formbody from '@fastify/formbody';
import Fastify from 'fastify';

const app = Fastify();
await app.register(formbody);
app.post('/webhook', async (_request, reply) => reply.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>'));
await app.listen({ port: Number(process.argv[2]), host: '127.0.0.1' });
process.stdout.write('listening\n');
