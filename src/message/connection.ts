// Where the message came from, as the receiver's SMTP session saw it: the connecting address, the
// HELO name and the MAIL FROM. Given on the command line, or read from the trace fields the
// receiving side added (RFC 5321 §4.4): a Received-SPF field's client-ip/helo/envelope-from
// (RFC 7208 §9.1), else the topmost Received field that names a public address, and Return-Path.
// Every value says where it came from, so the report can show it.
import { parseIp, formatIp } from '../net/ip.js';
import { unreachableBlock } from '../net/unreachable-ranges.js';
import { domainOf, parsePath } from '../model/mailbox.js';
import type { HeaderField } from './read-message.js';

export interface Sourced<T> {
  value: T;
  /** `option` (--ip …), or the header field it was read from, with its line: `Received-SPF (line 3)`. */
  source: string;
}

export interface Connection {
  ip: Sourced<string> | null;
  helo: Sourced<string> | null;
  /** The MAIL FROM address ('' for the null sender). */
  mailFrom: Sourced<string> | null;
  /** Received fields passed over because they name no public address (for the report). */
  skipped: string[];
}

export interface ConnectionOptions {
  ip?: string | undefined;
  helo?: string | undefined;
  mailFrom?: string | undefined;
}

const named = (fields: readonly HeaderField[], name: string): HeaderField[] => fields.filter((f) => f.name.toLowerCase() === name);
const unfold = (v: string): string => v.replace(/\r\n(?=[ \t])/g, '').trim();
const where = (f: HeaderField): string => `${f.name} (line ${f.line})`;

/** RFC 7208 §9.1: key=value pairs after the result and comment of Received-SPF. */
export function receivedSpfKeys(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of unfold(value).matchAll(/([a-z-]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;\s]+)/gi)) {
    const key = (m[1] as string).toLowerCase();
    out[key] ??= (m[2] as string).replace(/^"|"$/g, '');
  }
  return out;
}

const canonicalIp = (text: string): string | null => {
  const ip = parseIp(text.replace(/^ipv6:/i, ''));
  return ip === null ? null : formatIp(ip);
};

/** The public address and HELO name of a Received field's "from" clause, if it has one. */
export function receivedFrom(value: string): { ip: string | null; helo: string | null; private: string | null } {
  const text = unfold(value);
  const from = /^from\s+(\S+)/i.exec(text);
  const fromPart = text.split(/\s(?:by|with|id|for|via)\s/i)[0] ?? text;
  const candidates = [...fromPart.matchAll(/\[((?:IPv6:)?[0-9A-Fa-f:.]+)\]/g)].map((m) => m[1] as string);
  // a bare address in parentheses ("(host [1.2.3.4])" is common, "(1.2.3.4)" too)
  for (const m of fromPart.matchAll(/[( ]((?:\d{1,3}\.){3}\d{1,3})[) ]/g)) candidates.push(m[1] as string);
  let privateSeen: string | null = null;
  for (const c of candidates) {
    const ip = canonicalIp(c);
    if (ip === null) continue;
    const block = unreachableBlock(parseIp(ip) as NonNullable<ReturnType<typeof parseIp>>);
    if (block === null) return { ip, helo: from?.[1]?.replace(/^\[|\]$/g, '') ?? null, private: null };
    privateSeen ??= `${ip} (${block})`;
  }
  return { ip: null, helo: from?.[1] ?? null, private: privateSeen };
}

export function findConnection(fields: readonly HeaderField[], options: ConnectionOptions): Connection {
  const skipped: string[] = [];
  let ip: Sourced<string> | null = options.ip === undefined ? null : { value: options.ip, source: '--ip' };
  let helo: Sourced<string> | null = options.helo === undefined ? null : { value: options.helo, source: '--helo' };
  let mailFrom: Sourced<string> | null = options.mailFrom === undefined ? null : { value: options.mailFrom === '<>' ? '' : options.mailFrom, source: '--mail-from' };

  // the topmost Received-SPF was added by the receiver that delivered the message here
  const spf = named(fields, 'received-spf')[0];
  if (spf !== undefined) {
    const keys = receivedSpfKeys(spf.value);
    const clientIp = keys['client-ip'] === undefined ? null : canonicalIp(keys['client-ip']);
    if (ip === null && clientIp !== null) ip = { value: clientIp, source: `client-ip of ${where(spf)}` };
    if (helo === null && keys['helo'] !== undefined && ip?.source.includes('Received-SPF') === true) helo = { value: keys['helo'], source: `helo of ${where(spf)}` };
    if (mailFrom === null && keys['envelope-from'] !== undefined) mailFrom = { value: keys['envelope-from'], source: `envelope-from of ${where(spf)}` };
  }
  if (ip === null) {
    for (const r of named(fields, 'received')) {
      const seen = receivedFrom(r.value);
      if (seen.ip !== null) {
        ip = { value: seen.ip, source: where(r) };
        if (helo === null && seen.helo !== null) helo = { value: seen.helo, source: where(r) };
        break;
      }
      skipped.push(`${where(r)}${seen.private === null ? ': no address' : `: ${seen.private} is not public`}`);
    }
  }
  if (mailFrom === null) {
    // RFC 5321 §4.4: the delivering server records MAIL FROM in Return-Path (the topmost one)
    const rp = named(fields, 'return-path')[0];
    const path = rp === undefined ? null : parsePath(rp.value);
    if (rp !== undefined && path !== null) mailFrom = { value: path, source: where(rp) };
  }
  return { ip, helo, mailFrom, skipped };
}

/** The domain SPF checks (RFC 7208 §2.4): the MAIL FROM's, or the HELO name for a null sender. */
export function spfDomain(connection: Connection): string | null {
  const mf = connection.mailFrom?.value;
  if (mf !== undefined && mf !== '') return domainOf(mf);
  return connection.helo?.value.toLowerCase() ?? null;
}
