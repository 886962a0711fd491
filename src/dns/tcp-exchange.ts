// One query over TCP to one server (RFC 7766): each message is preceded by its length as two
// bytes (RFC 1035 §4.2.2), and a message may arrive in any number of pieces.

import { connect } from 'node:net';
import { formatServerSpec } from './server-spec.js';
import { abortedResult, networkResult, startExchange, type TransportRequest, type TransportResult } from './transport.js';

/** Splits a TCP byte stream into DNS messages. */
export class LengthPrefixedReader {
  private pending: Buffer = Buffer.alloc(0);

  /** Add bytes; returns every message completed by them. */
  push(chunk: Buffer): Buffer[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: Buffer[] = [];
    while (this.pending.length >= 2) {
      const length = this.pending.readUInt16BE(0);
      if (this.pending.length < 2 + length) break;
      messages.push(this.pending.subarray(2, 2 + length));
      this.pending = this.pending.subarray(2 + length);
    }
    return messages;
  }

  /** Bytes of a message that has not been completed yet. */
  get buffered(): number {
    return this.pending.length;
  }
}

export function withLengthPrefix(message: Buffer): Buffer {
  const prefix = Buffer.alloc(2);
  prefix.writeUInt16BE(message.length);
  return Buffer.concat([prefix, message]);
}

export function tcpExchange(request: TransportRequest): Promise<TransportResult> {
  const { server, signal } = request;
  if (signal?.aborted) return Promise.resolve(abortedResult(signal));
  return new Promise((resolve) => {
    const socket = connect({ host: server.address, port: server.port, family: server.family });
    const reader = new LengthPrefixedReader();
    const exchange = startExchange(request, 'TCP', () => socket.destroy(), resolve);
    const { finish } = exchange;

    socket.setNoDelay(true);
    socket.on('error', (error) => finish(networkResult(request, 'TCP', error)));
    socket.on('close', () => {
      const what = reader.buffered > 0 ? 'in the middle of a message' : 'before answering';
      finish({ kind: 'failure', failure: 'network', detail: `${formatServerSpec(server)} over TCP closed the connection ${what}` });
    });
    socket.on('data', (chunk: Buffer) => {
      for (const message of reader.push(chunk)) {
        exchange.reply(message);
        if (exchange.done) return;
      }
    });
    socket.write(withLengthPrefix(request.bytes));
  });
}
