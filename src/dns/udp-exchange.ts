// One query over UDP to one server, on a fresh socket (a fresh random source port per query,
// RFC 5452 §9.2), closed when the exchange ends whatever the outcome.

import { createSocket } from 'node:dgram';
import ipaddr from 'ipaddr.js';
import { abortedResult, networkResult, startExchange, type TransportRequest, type TransportResult } from './transport.js';

function sameAddress(a: string, b: string): boolean {
  try {
    return ipaddr.process(a.replace(/%.*$/, '')).toString() === ipaddr.process(b.replace(/%.*$/, '')).toString();
  } catch {
    return false;
  }
}

export function udpExchange(request: TransportRequest): Promise<TransportResult> {
  const { server, signal } = request;
  if (signal?.aborted) return Promise.resolve(abortedResult(signal));
  return new Promise((resolve) => {
    const socket = createSocket(server.family === 6 ? 'udp6' : 'udp4');
    const close = (): void => {
      try {
        socket.close();
      } catch {
        // already closed
      }
    };
    const exchange = startExchange(request, 'UDP', close, resolve);
    const { finish, strays } = exchange;

    socket.on('error', (error) => finish(networkResult(request, 'UDP', error)));
    socket.on('message', (packet, from) => {
      // RFC 5452 §9.1: the answer must come from the address and port the query went to.
      if (from.port !== server.port || !sameAddress(from.address, server.address)) {
        strays.count++;
        strays.last = `from ${from.address}:${from.port}`;
        return;
      }
      exchange.reply(packet);
    });
    // A connected socket also reports ICMP port-unreachable as ECONNREFUSED instead of a time-out.
    socket.connect(server.port, server.address, () => {
      if (exchange.done) return;
      socket.send(request.bytes, (error) => {
        if (error) finish(networkResult(request, 'UDP', error));
      });
    });
  });
}
