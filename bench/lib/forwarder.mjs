// A delaying DNS forwarder on loopback, for the critical-path benchmark: every query it receives
// (UDP, or TCP after a truncated answer) waits `delayMs`, then goes to the upstream server over the
// same transport, and the upstream's reply comes back unchanged. It stands in for the round trip to
// a distant name server, so an audit's elapsed time shows how many round trips happen one after
// another. It records every question it forwards.
import { createSocket } from 'node:dgram';
import { connect, createServer } from 'node:net';
import dnsPacket from 'dns-packet';

const UPSTREAM_TIMEOUT_MS = 5000;

/** The first question of a DNS message, or null when the bytes do not decode. */
function questionOf(bytes) {
  try {
    const q = dnsPacket.decode(bytes).questions?.[0];
    return q === undefined ? null : { name: q.name.toLowerCase().replace(/\.$/, ''), type: q.type };
  } catch {
    return null;
  }
}

const defaultWait = (ms) => (ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms)));

/** One UDP exchange with the upstream from a fresh socket; null on time-out or error. */
function udpUpstream(upstream, bytes) {
  return new Promise((resolve) => {
    const socket = createSocket(upstream.family === 6 ? 'udp6' : 'udp4');
    const finish = (reply) => {
      clearTimeout(timer);
      socket.close();
      resolve(reply);
    };
    const timer = setTimeout(() => finish(null), UPSTREAM_TIMEOUT_MS);
    socket.on('error', () => finish(null));
    socket.on('message', (reply) => finish(reply));
    socket.send(bytes, upstream.port, upstream.address);
  });
}

/** One TCP exchange (RFC 7766 §8 length prefix) on a fresh connection; null on time-out or error. */
function tcpUpstream(upstream, bytes) {
  return new Promise((resolve) => {
    const socket = connect({ host: upstream.address, port: upstream.port });
    let buffer = Buffer.alloc(0);
    const finish = (reply) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const timer = setTimeout(() => finish(null), UPSTREAM_TIMEOUT_MS);
    socket.on('error', () => finish(null));
    socket.on('connect', () => socket.write(withLength(bytes)));
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      if (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) finish(buffer.subarray(2, 2 + buffer.readUInt16BE(0)));
    });
    socket.on('end', () => finish(null));
  });
}

function withLength(message) {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(message.length);
  return Buffer.concat([prefix, message]);
}

function bindUdp(port) {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve(socket);
    });
  });
}

function listenTcp(server, port) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * @param {{
 *   upstream: { address: string, port: number, family?: 4 | 6 },
 *   delayMs: number,
 *   wait?: (ms: number) => Promise<void>,
 * }} options `wait` is how the delay is spent (default setTimeout); tests pass their own.
 */
export async function startDelayingForwarder(options) {
  const { upstream } = options;
  const wait = options.wait ?? defaultWait;
  let delayMs = options.delayMs;
  const queries = [];
  const connections = new Set();
  let stopped = false;
  let inFlight = 0;
  let peakInFlight = 0;

  const forward = async (bytes, transport) => {
    const question = questionOf(bytes);
    queries.push({ transport, name: question?.name ?? null, type: question?.type ?? null });
    inFlight++;
    peakInFlight = Math.max(peakInFlight, inFlight);
    try {
      await wait(delayMs);
      if (stopped) return null;
      return await (transport === 'udp' ? udpUpstream(upstream, bytes) : tcpUpstream(upstream, bytes));
    } finally {
      inFlight--;
    }
  };

  // UDP and TCP on one port, as on a real name server; retry when TCP's is taken.
  let udp;
  const tcp = createServer();
  for (let tries = 0; ; tries++) {
    udp = await bindUdp(0);
    try {
      await listenTcp(tcp, udp.address().port);
      break;
    } catch (error) {
      udp.close();
      if (tries >= 20) throw error;
    }
  }

  udp.on('message', (bytes, rinfo) => {
    void forward(bytes, 'udp').then((reply) => {
      if (reply !== null && !stopped) udp.send(reply, rinfo.port, rinfo.address);
    });
  });
  tcp.on('connection', (socket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
    socket.on('error', () => socket.destroy());
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      while (buffer.length >= 2 && buffer.length >= 2 + buffer.readUInt16BE(0)) {
        const message = buffer.subarray(2, 2 + buffer.readUInt16BE(0));
        buffer = buffer.subarray(2 + message.length);
        void forward(Buffer.from(message), 'tcp').then((reply) => {
          if (reply !== null && !stopped && !socket.destroyed) socket.write(withLength(reply));
        });
      }
    });
  });

  const port = udp.address().port;
  return {
    address: '127.0.0.1',
    port,
    /** A ServerSpec for NetworkResolver. */
    server: { address: '127.0.0.1', port, family: 4 },
    /** Every query forwarded so far: transport, name and type (null when it did not decode). */
    queries,
    /** The most queries held or forwarded at once. */
    peakInFlight: () => peakInFlight,
    setDelay(ms) {
      delayMs = ms;
    },
    /** Forget the recorded queries and the peak. */
    reset() {
      queries.length = 0;
      peakInFlight = inFlight;
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      for (const socket of connections) socket.destroy();
      await Promise.all([new Promise((resolve) => udp.close(() => resolve())), new Promise((resolve) => tcp.close(() => resolve()))]);
    },
  };
}
