// Nameserver addresses as `--resolver` takes them: IPv4 `192.0.2.1[:port]`, IPv6 `[2001:db8::1][:port]`
// or a bare IPv6 address without a port.

import { parseIp4, type IpFamily } from '../net/ip.js';
import { parseScopedIp } from '../net/scoped-address.js';

export interface ServerSpec {
  /** An IP literal (IPv6 without brackets). */
  address: string;
  port: number;
  family: IpFamily;
}

export const DNS_PORT = 53;

/** Bad `--resolver` text; the message names the input and what is wrong with it. */
export class ServerSpecError extends Error {
  constructor(readonly input: string, readonly reason: string) {
    super(`invalid resolver address '${input}': ${reason}`);
    this.name = 'ServerSpecError';
  }
}

function parsePort(input: string, text: string): number {
  if (!/^\d{1,5}$/.test(text)) throw new ServerSpecError(input, `port '${text}' is not a number`);
  const port = Number(text);
  if (port < 1 || port > 65535) throw new ServerSpecError(input, `port ${port} is outside 1-65535`);
  return port;
}

/** IPv6 text, with a zone index or without (a link-local server: fe80::1%eth0, RFC 4007 §11.2). */
function isIpv6(text: string): boolean {
  return parseScopedIp(text)?.address.version === 6;
}

/** Parse one `host[:port]`; throws ServerSpecError. Host names are refused (resolving them needs DNS). */
export function parseServerSpec(text: string, defaultPort = DNS_PORT): ServerSpec {
  const input = text.trim();
  if (input === '') throw new ServerSpecError(text, 'empty');
  if (input.startsWith('[')) {
    const close = input.indexOf(']');
    if (close < 0) throw new ServerSpecError(text, "missing ']' after the IPv6 address");
    const address = input.slice(1, close);
    if (!isIpv6(address)) throw new ServerSpecError(text, `'${address}' in brackets is not an IPv6 address`);
    const rest = input.slice(close + 1);
    if (rest === '') return { address, port: defaultPort, family: 6 };
    if (!rest.startsWith(':')) throw new ServerSpecError(text, `unexpected '${rest}' after ']'`);
    return { address, port: parsePort(text, rest.slice(1)), family: 6 };
  }
  if (isIpv6(input)) return { address: input, port: defaultPort, family: 6 };
  const colon = input.lastIndexOf(':');
  const host = colon < 0 ? input : input.slice(0, colon);
  if (colon >= 0 && host.includes(':')) {
    throw new ServerSpecError(text, 'not an IPv6 address; write an IPv6 address with a port as [address]:port');
  }
  if (parseIp4(host) === null) {
    const reason = /^[\d.]+$/.test(host)
      ? `'${host}' is not a valid IPv4 address`
      : `'${host}' is not an IP address (name servers are given by address, not by name)`;
    throw new ServerSpecError(text, reason);
  }
  return { address: host, port: colon < 0 ? defaultPort : parsePort(text, input.slice(colon + 1)), family: 4 };
}

/** `192.0.2.1:53` or `[2001:db8::1]:53`, as used in failure details. */
export function formatServerSpec(server: ServerSpec): string {
  return server.family === 6 ? `[${server.address}]:${server.port}` : `${server.address}:${server.port}`;
}
