// The wire ceiling: how fast one Node.js process can put a given set of questions to a server and
// get the replies back when it does nothing else. Every query is encoded before the clock starts,
// replies are matched by id alone and never decoded, `inFlight` are outstanding at once on one
// connected UDP socket. No resolver built on node:dgram in one process can ask faster, so
// (this rate / questions per domain) bounds any audit's domains per second on this machine.
import { createSocket } from 'node:dgram';
import dnsPacket from 'dns-packet';

/**
 * @param {{ address: string, port: number, family: 4 | 6 }} server
 * @param {ReadonlyArray<{ name: string, type: string }>} questions
 * @param {{ inFlight?: number, resendAfterMs?: number }} [options]
 * @returns {Promise<{ queries: number, seconds: number, perSecond: number, resent: number }>}
 */
export async function wireCeiling(server, questions, options = {}) {
  const inFlight = Math.max(1, options.inFlight ?? 64);
  const resendAfterMs = options.resendAfterMs ?? 500;
  if (questions.length === 0) return { queries: 0, seconds: 0, perSecond: 0, resent: 0 };
  // ids 0..n-1 (mod 65536): with at most `inFlight` outstanding they never collide
  const packets = questions.map((q, i) =>
    dnsPacket.encode({ type: 'query', id: i & 0xffff, flags: dnsPacket.RECURSION_DESIRED, questions: [{ type: q.type, name: q.name, class: 'IN' }] }),
  );
  const socket = createSocket(server.family === 6 ? 'udp6' : 'udp4');
  await new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.connect(server.port, server.address, () => resolve(undefined));
  });
  /** index of the question waiting under each id, -1 when none */
  const waiting = new Int32Array(0x10000).fill(-1);
  let next = 0;
  let answered = 0;
  let resent = 0;
  let lastProgress = performance.now();
  const started = performance.now();
  let timer;
  const done = new Promise((resolve, reject) => {
    const send = () => {
      const i = next++;
      waiting[i & 0xffff] = i;
      socket.send(packets[i]);
    };
    socket.on('error', reject);
    socket.on('message', (reply) => {
      if (reply.length < 2) return;
      const id = reply.readUInt16BE(0);
      if (waiting[id] === -1) return;
      waiting[id] = -1;
      answered++;
      lastProgress = performance.now();
      if (answered === packets.length) resolve(undefined);
      else if (next < packets.length) send();
    });
    // a reply lost under load (a full socket buffer) is asked again, so the run always ends
    timer = setInterval(() => {
      if (performance.now() - lastProgress < resendAfterMs) return;
      for (let id = 0; id < waiting.length; id++) {
        if (waiting[id] !== -1) {
          socket.send(packets[waiting[id]]);
          resent++;
        }
      }
      lastProgress = performance.now();
    }, resendAfterMs / 2);
    timer.unref();
    for (let k = 0; k < Math.min(inFlight, packets.length); k++) send();
  });
  try {
    await done;
  } finally {
    clearInterval(timer);
    socket.close();
  }
  const seconds = (performance.now() - started) / 1000;
  return { queries: packets.length, seconds, perSecond: packets.length / seconds, resent };
}
