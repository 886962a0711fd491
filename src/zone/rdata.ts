// RDATA of the typed record types, in presentation form (RFC 1035 §3.3, §3.4, §5.1;
// RFC 3596 §2.4 for AAAA; RFC 7208 §3.1 for SPF; RFC 7505 for null MX).

import type { RRType } from '../model/records.js';
import type { Token } from './lexer.js';
import { formatIp, parseIp4, parseIp6 } from '../net/ip.js';
import { parseNameToken } from './domain-name.js';
import { positionIn, tokenToBytes } from './escapes.js';
import { decodeTypedRdata, isGenericRdata, parseGenericRdata, type RdataFields } from './generic-rdata.js';
import { parseSoaTimer, parseUnsigned } from './ttl.js';
import { zoneError, type Position } from './zone-file-error.js';
import { checkRdataLength, typedRdataLength } from './rdata-size.js';
import { isDnssecType, parseDnssecPresentation } from './dnssec-rdata.js';
import { RdataCursor } from './rdata-cursor.js';

const MAX_STRING = 255; // RFC 1035 §3.3: a character-string is a length byte and up to 255 bytes

export interface RdataContext {
  origin: string | null;
  /** Where the entry ends, for "missing field" errors. */
  end: Position;
}

export function parseTypedRdata(type: RRType, tokens: readonly Token[], ctx: RdataContext): RdataFields {
  if (isGenericRdata(tokens)) {
    const bytes = parseGenericRdata(tokens, ctx.end, type); // its length is checked there
    const fields = decodeTypedRdata(type, bytes);
    if (fields === null) throw zoneError(tokens[0] as Token, `generic RDATA is not a valid ${type} record`);
    return fields;
  }
  const fields = presentationRdata(type, tokens, ctx);
  // RFC 1035 §3.2.1: at most 65,535 bytes of RDATA; only TXT and SPF can write more (names are
  // at most 255 bytes), reported at the first RDATA token
  checkRdataLength(typedRdataLength(fields), type, tokens[0] ?? ctx.end);
  return fields;
}

function presentationRdata(type: RRType, tokens: readonly Token[], ctx: RdataContext): RdataFields {
  if (isDnssecType(type)) return parseDnssecPresentation(type, tokens, ctx.origin, ctx.end);
  const fields = new RdataCursor(type, tokens, ctx.end);
  switch (type) {
    case 'A': {
      // RFC 1035 §3.4.1 and §5.1: a dotted quad, read by the one strict parser (net/ip.ts)
      const t = fields.next('IPv4 address');
      const address = t.quoted ? null : parseIp4(t.text);
      if (address === null) throw zoneError(t, `bad IPv4 address '${t.text}': expected a dotted quad like 192.0.2.1`);
      fields.done();
      return { type, address: formatIp(address) };
    }
    case 'AAAA': {
      // RFC 3596 §2.4: the text forms of RFC 4291 §2.2, kept in RFC 5952 form
      const t = fields.next('IPv6 address');
      const address = t.quoted ? null : parseIp6(t.text);
      if (address === null) throw zoneError(t, `bad IPv6 address '${t.text}': ${ipv6Expected(t.text)}`);
      fields.done();
      return { type, address: formatIp(address) };
    }
    case 'MX': {
      const preference = parseUnsigned(fields.next('preference'), 'MX preference', 65535);
      const exchange = parseNameToken(fields.next('exchange'), ctx.origin, 'MX exchange');
      fields.done();
      return { type, preference, exchange };
    }
    case 'TXT':
    case 'SPF': {
      if (tokens.length === 0) throw zoneError(ctx.end, `${type} needs at least one character-string`);
      const strings = tokens.map((t, i) => characterString(t, i + 1));
      return { type, strings };
    }
    case 'PTR':
    case 'CNAME':
    case 'NS': {
      const target = parseNameToken(fields.next('target name'), ctx.origin, `${type} target`);
      fields.done();
      return { type, target };
    }
    case 'SOA': {
      const mname = parseNameToken(fields.next('primary server name (MNAME)'), ctx.origin, 'SOA MNAME');
      const rname = parseNameToken(fields.next('mailbox name (RNAME)'), ctx.origin, 'SOA RNAME');
      const serial = parseUnsigned(fields.next('serial'), 'SOA serial', 2 ** 32 - 1);
      const refresh = parseSoaTimer(fields.next('refresh'), 'SOA refresh');
      const retry = parseSoaTimer(fields.next('retry'), 'SOA retry');
      const expire = parseSoaTimer(fields.next('expire'), 'SOA expire');
      const minimum = parseSoaTimer(fields.next('minimum'), 'SOA minimum');
      fields.done();
      return { type, mname, rname, serial, refresh, retry, expire, minimum };
    }
  }
}

/** One character-string: each quoted or unquoted token is one (RFC 1035 §5.1). */
function characterString(token: Token, index: number): Uint8Array {
  const bytes = tokenToBytes(token);
  if (bytes.length > MAX_STRING) {
    throw zoneError(
      positionIn(token, token.quoted ? -1 : 0),
      `character-string ${index} is ${bytes.length} bytes long: at most ${MAX_STRING} (RFC 1035 §3.3); split it into several quoted strings`,
    );
  }
  return bytes;
}

/** What AAAA text should have been; RFC 4007 §11: a zone index belongs to a socket address, not to DNS data. */
function ipv6Expected(text: string): string {
  return text.includes('%') ? 'a zone index (%...) is not part of an address (RFC 4007 §11)' : 'expected RFC 4291 §2.2 text like 2001:db8::1';
}
