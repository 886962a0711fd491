// Test setup (vitest setupFiles): tests never reach the network. Any UDP or TCP connection to an
// address outside loopback fails at once with an error naming the test's mistake, instead of
// quietly asking the machine's resolver. (Child processes are covered by always passing --zone,
// --resolver 127.0.0.1:… or nock'd --doh; this guard covers everything run in-process.)
import dgram from 'node:dgram';
import net from 'node:net';
import { afterEach, expect } from 'vitest';

const LOOPBACK = /^(127\.\d+\.\d+\.\d+|::1|localhost|::ffff:127\.\d+\.\d+\.\d+)$/;

// Resolvers turn socket errors into typed DNS failures, so a refused attempt could go unnoticed:
// each attempt is also recorded, and the test that made it fails.
export const attempts: string[] = [];
afterEach(() => {
  const seen = attempts.splice(0);
  expect(seen, 'network attempts outside loopback').toEqual([]);
});

function guard(address: unknown): void {
  if (typeof address === 'string' && !LOOPBACK.test(address)) {
    attempts.push(address);
    throw new Error(`test tried to reach ${address}: tests talk to loopback only (use --zone, a loopback server or nock)`);
  }
}

const udpConnect = dgram.Socket.prototype.connect;
dgram.Socket.prototype.connect = function (this: dgram.Socket, port: number, address?: unknown, callback?: unknown) {
  guard(address);
  return (udpConnect as (...a: unknown[]) => void).call(this, port, address, callback);
} as typeof udpConnect;

const udpSend = dgram.Socket.prototype.send;
dgram.Socket.prototype.send = function (this: dgram.Socket, ...args: unknown[]) {
  // send(msg, [offset, length,] port, address, cb): the address is the first string after the message
  guard(args.slice(1).find((a) => typeof a === 'string'));
  return (udpSend as (...a: unknown[]) => void).apply(this, args);
} as typeof udpSend;

const tcpConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (this: net.Socket, ...args: unknown[]) {
  const first = args[0];
  if (typeof first === 'object' && first !== null && 'host' in first) guard((first as { host?: unknown }).host);
  else if (typeof args[1] === 'string') guard(args[1]);
  return (tcpConnect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof tcpConnect;
