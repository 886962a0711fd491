// A loopback DNS server for tests: serves the answers of any Resolver (a ZoneResolver over fixture
// zones, usually) over UDP and TCP on 127.0.0.1 (and ::1 when the machine has it), each on one
// ephemeral port shared by both transports. Faults can be injected for all queries or for
// matching ones, and every query received is recorded.

import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { createServer, type Server, type Socket } from 'node:net';
import { isAtOrBelow, labels, nameKey } from '../../src/model/names.js';
import type { DnsAnswer, RecordOf, Resolver, RRType } from '../../src/dns/types.js';
import { decodeMessage } from '../../src/dns/decode-message.js';
import { FLAG_RA, FLAG_RD, FLAG_TC, type DnsMessage } from '../../src/dns/message.js';
import { rrTypeOfCode, typeName } from '../../src/model/type-codes.js';
import type { ServerSpec } from '../../src/dns/server-spec.js';
import { LengthPrefixedReader, withLengthPrefix } from '../../src/dns/tcp-exchange.js';
import { CLASSIC_UDP_PAYLOAD, EDNS_PAYLOAD } from '../../src/dns/wire.js';
import { encodeMessage, rcodeNumber, type RecordToEncode } from './dns-answer-encoder.js';

export type Transport = 'udp' | 'tcp';

export type FaultAction =
  /** No reply at all. */
  | { kind: 'drop' }
  /** Reply normally after a pause. */
  | { kind: 'delay'; ms: number }
  /** UDP: reply with TC set and no records, whatever the size. */
  | { kind: 'truncate' }
  /** Reply with this response code and no records (FORMERR replies carry no OPT, like an old server). */
  | { kind: 'rcode'; rcode: 'SERVFAIL' | 'REFUSED' | 'FORMERR' | 'NOTIMP' }
  /** First a copy of the reply with another id, then the reply (`only`: not the reply). */
  | { kind: 'wrong-id-first'; only?: boolean }
  /** First a reply (same id) to another question, then the reply (`only`: not the reply). */
  | { kind: 'wrong-question-first'; only?: boolean }
  /** UDP: first the reply from another port, then from the right one (`only`: not from the right one). */
  | { kind: 'wrong-source-first'; only?: boolean }
  /** Bytes that carry the query's id and the response bit but do not decode. */
  | { kind: 'malformed' }
  /** TCP: the reply in small pieces with pauses, to exercise partial reads. */
  | { kind: 'trickle' };

export interface FaultMatch {
  /** Only questions for this name (case-insensitive). */
  name?: string;
  type?: RRType;
  transport?: Transport;
  /** Only for the first N matching queries; then the rule is spent. Default: every one. */
  times?: number;
}

export interface ReceivedQuery {
  /** Increases with every query any test server receives: orders queries across servers. */
  sequence: number;
  /** When it arrived (Date.now()): the server's own clock, for counts per second. */
  receivedAt: number;
  transport: Transport;
  /** The listener that received it (its address and port). */
  server: ServerSpec;
  from: { address: string; port: number };
  id: number;
  name: string;
  type: string;
  recursionDesired: boolean;
  /** The EDNS UDP payload size the client advertised, or null without EDNS. */
  ednsPayload: number | null;
  /** DO (RFC 3225) in the OPT record, and CD (RFC 4035 §3.2.2) in the header. */
  dnssecOk: boolean;
  checkingDisabled: boolean;
  /** The fault applied to it, if any. */
  fault: FaultAction['kind'] | null;
}

export interface TestDnsServer {
  readonly ipv4: ServerSpec;
  /** Null when the machine has no IPv6 loopback. */
  readonly ipv6: ServerSpec | null;
  readonly received: ReceivedQuery[];
  /** The most queries this server was working on at once (received, not yet answered or dropped). */
  peakInFlight(): number;
  /** Add a fault rule; rules are tried in the order added, the first live match applies. */
  fault(action: FaultAction, match?: FaultMatch): void;
  clearFaults(): void;
  stop(): Promise<void>;
}

interface Rule {
  action: FaultAction;
  match: FaultMatch;
  left: number;
}

interface Listener {
  spec: ServerSpec;
  udp: UdpSocket;
  tcp: Server;
  /** Sends wrong-source replies from another port. */
  other: UdpSocket;
}

/** The closest SOA at or above `name`, for the authority section of negative answers. */
async function findSoa(resolver: Resolver, name: string): Promise<RecordOf<'SOA'> | null> {
  const parts = labels(name);
  for (let i = 0; i <= parts.length; i++) {
    const candidate = parts.slice(i).join('.');
    const answer = await resolver.query(candidate, 'SOA');
    if (answer.kind === 'records' && answer.records[0] !== undefined && isAtOrBelow(name, answer.records[0].name)) {
      return answer.records[0];
    }
  }
  return null;
}

interface Reply {
  rcode: string;
  answers: RecordToEncode[];
  authorities: RecordToEncode[];
}

/** The answer of the resolver as response sections; null means no reply (a time-out). */
async function replyFor(resolver: Resolver, name: string, type: RRType, dnssec = false): Promise<Reply | null> {
  const answer: DnsAnswer = await resolver.query(name, type, dnssec ? { dnssec } : undefined);
  const chain = answer.cnameChain.map((l): RecordToEncode => ({ type: 'CNAME', name: l.name, target: l.target, ttl: l.ttl }));
  // RFC 4035 §3.1: with DO, the RRSIGs beside the answer and the proof in the authority section
  const signed = answer.signed;
  switch (answer.kind) {
    case 'records':
      return { rcode: 'NOERROR', answers: [...chain, ...answer.records, ...(signed?.rrsigs ?? [])], authorities: [] };
    case 'nxdomain':
    case 'nodata': {
      const last = answer.cnameChain.at(-1)?.target ?? name;
      const soa = await findSoa(resolver, last);
      const authorities = signed !== undefined ? signed.authority : soa === null ? [] : [{ ...soa, ttl: answer.ttl ?? soa.ttl }];
      return { rcode: answer.kind === 'nxdomain' ? 'NXDOMAIN' : 'NOERROR', answers: chain, authorities };
    }
    case 'failure':
      if (answer.failure === 'timeout') return null;
      return { rcode: answer.failure === 'refused' ? 'REFUSED' : 'SERVFAIL', answers: [], authorities: [] };
  }
}

function encodeReply(query: DnsMessage, reply: Reply, options: { truncated: boolean; edns: boolean; id?: number; name?: string }): Buffer {
  const flags = (query.recursionDesired ? FLAG_RD : 0) | FLAG_RA | (options.truncated ? FLAG_TC : 0) | (rcodeNumber(reply.rcode) & 0xf);
  const question = query.questions[0]!;
  return encodeMessage({
    id: options.id ?? query.id,
    flags,
    questions: [{ name: options.name ?? question.name, type: question.type }],
    answers: options.truncated ? [] : reply.answers,
    authorities: options.truncated ? [] : reply.authorities,
    ...(options.edns ? { edns: { udpPayloadSize: EDNS_PAYLOAD } } : {}),
  });
}

/**
 * The whole answer of `resolver` to one query message, never truncated (for DoH tests);
 * null when the query does not decode or the resolver's answer is a time-out.
 */
export async function answerMessage(resolver: Resolver, queryBytes: Uint8Array): Promise<Buffer | null> {
  let query: DnsMessage;
  try {
    query = decodeMessage(queryBytes);
  } catch {
    return null;
  }
  const question = query.questions[0];
  const type = question === undefined ? undefined : rrTypeOfCode(question.type);
  if (question === undefined || type === undefined) return null;
  const reply = await replyFor(resolver, question.name, type);
  if (reply === null) return null;
  return encodeReply(query, reply, { truncated: false, edns: query.edns !== null });
}

/** The query's id and question, then an answer that does not decode (an owner name cut short). */
function malformedFor(query: DnsMessage): Buffer {
  const question = query.questions[0]!;
  const head = encodeMessage({ id: query.id, flags: FLAG_RD | FLAG_RA, questions: [{ name: question.name, type: question.type }] });
  const bytes = Buffer.concat([head, Buffer.from([0x05, 0x61])]);
  bytes.writeUInt16BE(1, 6); // one answer
  return bytes;
}

let sequence = 0;

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function bindUdp(type: 'udp4' | 'udp6', address: string, port: number): Promise<UdpSocket> {
  const socket = createSocket(type);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, address, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return socket;
}

async function listenTcp(server: Server, address: string, port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, address, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function startDnsServer(resolver: Resolver, options: { ipv6?: boolean } = {}): Promise<TestDnsServer> {
  const rules: Rule[] = [];
  const received: ReceivedQuery[] = [];
  const connections = new Set<Socket>();
  let stopped = false;
  let inFlight = 0;
  let peak = 0;

  const takeFault = (name: string, type: string, transport: Transport): FaultAction | null => {
    for (const rule of rules) {
      const m = rule.match;
      if (rule.left <= 0) continue;
      if (m.name !== undefined && nameKey(m.name) !== nameKey(name)) continue;
      if (m.type !== undefined && m.type !== type) continue;
      if (m.transport !== undefined && m.transport !== transport) continue;
      rule.left--;
      return rule.action;
    }
    return null;
  };

  const handle = async (...args: Parameters<typeof answerQuery>): Promise<void> => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      await answerQuery(...args);
    } finally {
      inFlight--;
    }
  };

  /** Answers one query; `send` is called with each datagram or TCP message, in order. */
  const answerQuery = async (
    bytes: Buffer,
    transport: Transport,
    listener: Listener,
    from: { address: string; port: number },
    send: (message: Buffer, options?: { fromOtherPort?: boolean; trickle?: boolean }) => Promise<void>,
  ): Promise<void> => {
    let query: DnsMessage;
    try {
      query = decodeMessage(bytes);
    } catch {
      return; // not a DNS message: ignore it, as a server would (FORMERR needs a decodable header)
    }
    const question = query.questions[0];
    if (query.response || question === undefined) return;
    const { name } = question;
    const type = typeName(question.type);
    const opt = query.edns;
    const fault = takeFault(name, type, transport);
    received.push({
      sequence: ++sequence,
      receivedAt: Date.now(),
      transport, server: listener.spec, from, id: query.id, name, type,
      recursionDesired: query.recursionDesired, ednsPayload: opt?.udpPayloadSize ?? null, fault: fault?.kind ?? null,
      dnssecOk: ((opt?.flags ?? 0) & 0x8000) !== 0, checkingDisabled: query.checkingDisabled,
    });

    if (fault?.kind === 'drop') return;
    if (fault?.kind === 'delay') await pause(fault.ms);
    if (fault?.kind === 'malformed') return send(malformedFor(query));
    const edns = opt !== null;
    if (fault?.kind === 'rcode') {
      const reply: Reply = { rcode: fault.rcode, answers: [], authorities: [] };
      return send(encodeReply(query, reply, { truncated: false, edns: edns && fault.rcode !== 'FORMERR' }));
    }

    const rrType = rrTypeOfCode(question.type);
    const reply = rrType !== undefined
      ? await replyFor(resolver, name, rrType, ((opt?.flags ?? 0) & 0x8000) !== 0)
      : { rcode: 'NOTIMP', answers: [], authorities: [] };
    if (reply === null || stopped) return;

    // RFC 6891 §6.2.5: a client without EDNS gets at most 512 bytes over UDP; with EDNS, what it
    // advertised (never less than 512).
    const limit = Math.max(CLASSIC_UDP_PAYLOAD, opt?.udpPayloadSize ?? CLASSIC_UDP_PAYLOAD);
    let message = encodeReply(query, reply, { truncated: false, edns });
    if (transport === 'udp' && (message.length > limit || fault?.kind === 'truncate')) {
      message = encodeReply(query, reply, { truncated: true, edns }); // RFC 2181 §9: TC set, records dropped
    }
    if (fault?.kind === 'wrong-id-first') await send(encodeReply(query, reply, { truncated: false, edns, id: (query.id + 1) & 0xffff }));
    if (fault?.kind === 'wrong-question-first') await send(encodeReply(query, reply, { truncated: false, edns, name: `wrong.${question.name}` }));
    if (fault?.kind === 'wrong-source-first') await send(message, { fromOtherPort: true });
    if (fault !== null && 'only' in fault && fault.only === true) return;
    await send(message, { trickle: fault?.kind === 'trickle' });
  };

  const listeners: Listener[] = [];

  const open = async (family: 4 | 6): Promise<Listener> => {
    const address = family === 4 ? '127.0.0.1' : '::1';
    const type = family === 4 ? 'udp4' : 'udp6';
    // UDP and TCP share one port, as they do on a real name server; retry if TCP's is taken.
    for (let tries = 0; ; tries++) {
      const udp = await bindUdp(type, address, 0);
      const port = udp.address().port;
      const tcp = createServer();
      try {
        await listenTcp(tcp, address, port);
      } catch (error) {
        udp.close();
        if (tries < 20) continue;
        throw error;
      }
      const other = await bindUdp(type, address, 0);
      const listener: Listener = { spec: { address, port, family }, udp, tcp, other };

      udp.on('message', (bytes, rinfo) => {
        const from = { address: rinfo.address, port: rinfo.port };
        void handle(bytes, 'udp', listener, from, async (message, sendOptions) => {
          if (stopped) return;
          const socket = sendOptions?.fromOtherPort ? other : udp;
          await new Promise<void>((resolve) => socket.send(message, rinfo.port, rinfo.address, () => resolve()));
        });
      });
      tcp.on('connection', (socket) => {
        connections.add(socket);
        socket.on('close', () => connections.delete(socket));
        socket.on('error', () => socket.destroy());
        const reader = new LengthPrefixedReader();
        const from = { address: socket.remoteAddress ?? '', port: socket.remotePort ?? 0 };
        socket.on('data', (chunk: Buffer) => {
          for (const bytes of reader.push(chunk)) {
            void handle(bytes, 'tcp', listener, from, async (message, sendOptions) => {
              if (stopped || socket.destroyed) return;
              const framed = withLengthPrefix(message);
              if (!sendOptions?.trickle) {
                socket.write(framed);
                return;
              }
              for (const piece of [framed.subarray(0, 1), framed.subarray(1, 7), framed.subarray(7)]) {
                if (socket.destroyed) return;
                socket.write(piece);
                await pause(5);
              }
            });
          }
        });
      });
      return listener;
    }
  };

  listeners.push(await open(4));
  let ipv6: ServerSpec | null = null;
  if (options.ipv6 !== false) {
    try {
      const listener = await open(6);
      listeners.push(listener);
      ipv6 = listener.spec;
    } catch {
      ipv6 = null; // no IPv6 loopback here
    }
  }

  return {
    ipv4: listeners[0]!.spec,
    ipv6,
    received,
    peakInFlight: () => peak,
    fault(action, match = {}) {
      rules.push({ action, match, left: match.times ?? Infinity });
    },
    clearFaults() {
      rules.length = 0;
    },
    async stop() {
      stopped = true;
      for (const socket of connections) socket.destroy();
      await Promise.all(
        listeners.flatMap((l) => [
          new Promise<void>((resolve) => l.udp.close(() => resolve())),
          new Promise<void>((resolve) => l.other.close(() => resolve())),
          new Promise<void>((resolve) => l.tcp.close(() => resolve())),
        ]),
      );
    },
  };
}
