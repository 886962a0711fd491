// One raw UDP question to a loopback server, answered as the decoded message, for the tests that
// look at what Knot put on the wire (truncation, the AA flag, the authority and additional sections).

import { createSocket } from 'node:dgram';
import { decodeMessage } from '../../src/dns/decode-message.js';
import type { DnsMessage } from '../../src/dns/message.js';
import type { RRType } from '../../src/dns/types.js';
import { encodeQuery } from '../../src/dns/wire.js';

export interface LoopbackServer {
  address: string;
  port: number;
}

/** One UDP query, with EDNS0 at the given payload size or without EDNS0 (null). */
export function rawUdpQuery(server: LoopbackServer, name: string, type: RRType, ednsPayload: number | null): Promise<DnsMessage> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    const timer = setTimeout(() => {
      socket.close();
      reject(new Error(`no UDP answer from ${server.address}:${server.port} for ${name} ${type}`));
    }, 3000);
    socket.on('message', (bytes) => {
      clearTimeout(timer);
      socket.close();
      resolve(decodeMessage(bytes));
    });
    const query = encodeQuery(ednsPayload === null ? { id: 4242, name, type } : { id: 4242, name, type, ednsPayload });
    socket.send(query, server.port, server.address);
  });
}
