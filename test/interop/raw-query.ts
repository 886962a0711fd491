// One raw UDP question to a loopback server, answered as the decoded message, for the tests that
// look at what Knot put on the wire (truncation, the AA flag, the authority and additional sections).

import { createSocket } from 'node:dgram';
import { decodeMessage, type WireMessage, type WireRecord } from '../../src/dns/dns-packet-shim.js';
import type { DnsRecord, RRType } from '../../src/dns/types.js';
import { encodeQuery, recordFromWire } from '../../src/dns/wire.js';

export interface LoopbackServer {
  address: string;
  port: number;
}

/** One UDP query, with EDNS0 at the given payload size or without EDNS0 (null). */
export function rawUdpQuery(server: LoopbackServer, name: string, type: RRType, ednsPayload: number | null): Promise<WireMessage> {
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

/** The typed records of one section (OPT and types authaudit does not read are left out). */
export function sectionRecords(section: readonly WireRecord[]): DnsRecord[] {
  return section.map(recordFromWire).filter((r): r is DnsRecord => r !== null);
}
