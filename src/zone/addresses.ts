// Address syntax for A and AAAA RDATA.

import ipaddr from 'ipaddr.js';

/** RFC 1035 §3.4.1 / §5.1: a strict dotted quad (four decimal bytes, no leading zeros); null when not one. */
export function parseDottedQuad(text: string): string | null {
  const m = /^([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})\.([0-9]{1,3})$/.exec(text);
  if (m === null) return null;
  const parts = m.slice(1, 5);
  if (parts.some((p) => Number(p) > 255 || (p.length > 1 && p.startsWith('0')))) return null;
  return parts.join('.');
}

/** An IPv6 address in RFC 5952 form (lowercase, longest zero run compressed); null when invalid. */
export function normaliseIpv6(text: string): string | null {
  if (text.includes('%') || !ipaddr.IPv6.isValid(text)) return null;
  return ipaddr.IPv6.parse(text).toRFC5952String();
}
