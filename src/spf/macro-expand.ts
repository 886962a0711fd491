// Expand parsed macro-strings (RFC 7208 §7.3, §7.4). Expansion is pure: the caller supplies every value,
// including the validated domain name `p`, which needs DNS and is computed only when a string uses it.
import { formatIp, type IpAddress } from '../net/ip.js';
import { ipv6Nibbles } from '../net/reverse-name.js';
import type { MacroExpand, MacroLetter, MacroString } from './types.js';

export interface MacroValues {
  /** s: <sender>, local-part "@" domain (with "postmaster" when the local-part was empty). */
  sender: string;
  /** l: local-part of <sender>. */
  localPart: string;
  /** o: domain of <sender>. */
  senderDomain: string;
  /** d: <domain>, the domain whose record is being evaluated. */
  domain: string;
  /** i, c, v: the client address. */
  ip: IpAddress;
  /** h: HELO/EHLO domain. */
  helo: string;
  /** p: the validated domain name of <ip>; null gives "unknown" (RFC 7208 §7.3). */
  validatedDomain: string | null;
  /** r: the receiving host's domain name ("unknown" when not known). */
  receiver: string;
  /** t: current time in seconds since the epoch. */
  timestamp: number;
}

/** RFC 7208 §7.3: the value of a macro letter before transformers. */
export function letterValue(letter: MacroLetter, v: MacroValues): string {
  switch (letter) {
    case 's':
      return v.sender;
    case 'l':
      return v.localPart;
    case 'o':
      return v.senderDomain;
    case 'd':
      return v.domain;
    case 'i':
      // RFC 7208 §7.3: for IPv6 "i" is the dot-format address (nibbles), intended for %{ir}.
      return v.ip.version === 4 ? formatIp(v.ip) : ipv6Nibbles(v.ip).join('.');
    case 'c':
      return formatIp(v.ip);
    case 'v':
      return v.ip.version === 4 ? 'in-addr' : 'ip6';
    case 'h':
      return v.helo;
    case 'p':
      return v.validatedDomain ?? 'unknown';
    case 'r':
      return v.receiver;
    case 't':
      return String(Math.floor(v.timestamp));
  }
}

const DEFAULT_DELIMITERS = '.';

/** RFC 7208 §7.3: split on the delimiters, optionally reverse, keep the right-most N parts, join with ".". */
export function transform(value: string, macro: Pick<MacroExpand, 'delimiters' | 'reverse' | 'digits'>): string {
  const delimiters = macro.delimiters === '' ? DEFAULT_DELIMITERS : macro.delimiters;
  if (macro.digits === null && !macro.reverse && delimiters === '.') return value;
  let parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (delimiters.includes(value.charAt(i))) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  if (macro.reverse) parts.reverse();
  if (macro.digits !== null && macro.digits < parts.length) parts = parts.slice(parts.length - macro.digits);
  return parts.join('.');
}

const UNRESERVED_RE = /[A-Za-z0-9\-._~]/;
const encoder = new TextEncoder();

/** RFC 7208 §7.3: uppercase macros are URL-escaped: every character outside the unreserved set (RFC 3986). */
export function urlEscape(value: string): string {
  let out = '';
  for (const ch of value) {
    if (UNRESERVED_RE.test(ch)) {
      out += ch;
      continue;
    }
    for (const byte of encoder.encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** Expand a macro-string to text (explain-strings are used as they come out). */
export function expandMacroString(value: MacroString, values: MacroValues): string {
  if (!value.hasMacros && value.parts.every((p) => p.kind === 'literal')) return value.text;
  let out = '';
  for (const part of value.parts) {
    if (part.kind === 'literal') out += part.text;
    else if (part.kind === 'escape') out += part.value;
    else {
      const expanded = transform(letterValue(part.letter, values), part);
      out += part.urlEscape ? urlEscape(expanded) : expanded;
    }
  }
  return out;
}

/** The longest domain name in text form without the trailing dot (RFC 7208 §7.3). */
export const MAX_DOMAIN_LENGTH = 253;

/**
 * Expand a domain-spec into the name to query: a trailing dot is dropped, and a name longer than 253
 * characters loses labels on the left until it fits (RFC 7208 §7.3).
 */
export function expandDomainSpec(value: MacroString, values: MacroValues): string {
  let name = expandMacroString(value, values);
  if (name.endsWith('.')) name = name.slice(0, -1);
  while (name.length > MAX_DOMAIN_LENGTH) {
    const dot = name.indexOf('.');
    name = dot < 0 ? '' : name.slice(dot + 1);
  }
  return name;
}
