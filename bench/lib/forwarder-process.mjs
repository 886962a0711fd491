// The delaying forwarder in a child process: a distant name server's delay must not spend the
// audited process's CPU or event loop, so the forwarder runs beside it, not inside it. The parent
// talks to it over the IPC channel; the child exits when the parent goes away.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startDelayingForwarder } from './forwarder.mjs';

const self = fileURLToPath(import.meta.url);

/**
 * @param {{ upstream: { address: string, port: number, family?: 4 | 6 }, delayMs: number }} options
 */
export async function startForwarderProcess(options) {
  const child = fork(self, ['--forwarder-child', JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const onExit = () => child.kill('SIGKILL');
  process.once('exit', onExit);
  let nextId = 0;
  const waiting = new Map();
  const ready = new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the forwarder process exited (${code}) before it was ready`)));
    child.on('message', (message) => {
      if (message.kind === 'ready') resolve(message.port);
      else waiting.get(message.id)?.(message);
    });
  });
  const port = await ready;
  const call = (command) =>
    new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, (reply) => {
        waiting.delete(id);
        resolve(reply);
      });
      child.send({ id, command });
    });
  return {
    address: '127.0.0.1',
    port,
    server: { address: '127.0.0.1', port, family: 4 },
    /** Forget the queries recorded so far. */
    reset: () => call('reset').then(() => undefined),
    /** Change the delay for the queries that arrive from now on. */
    setDelay: (ms) => call({ delay: ms }).then(() => undefined),
    /** Queries forwarded since the last reset, and the most held at once. */
    stats: () => call('stats').then((reply) => ({ queries: reply.queries, udp: reply.udp, tcp: reply.tcp, peakInFlight: reply.peakInFlight })),
    async stop() {
      process.off('exit', onExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const kill = setTimeout(() => child.kill('SIGKILL'), 3000);
      child.disconnect();
      await exited;
      clearTimeout(kill);
    },
  };
}

if (process.argv[2] === '--forwarder-child' && process.send !== undefined) {
  const forwarder = await startDelayingForwarder(JSON.parse(process.argv[3]));
  process.on('message', ({ id, command }) => {
    if (command === 'reset') forwarder.reset();
    if (typeof command === 'object' && typeof command.delay === 'number') forwarder.setDelay(command.delay);
    const queries = forwarder.queries;
    process.send({
      id,
      queries: queries.length,
      udp: queries.filter((q) => q.transport === 'udp').length,
      tcp: queries.filter((q) => q.transport === 'tcp').length,
      peakInFlight: forwarder.peakInFlight(),
    });
  });
  process.on('disconnect', () => {
    void forwarder.stop().then(() => process.exit(0));
  });
  process.send({ kind: 'ready', port: forwarder.port });
}
