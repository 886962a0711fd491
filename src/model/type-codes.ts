// Resource record type codes (RFC 1035 §3.2.2; the IANA registry, RFC 6895 §3.1) and their
// mnemonics, for messages and zone files alike.

import type { RRType } from './records.js';

/** The types authaudit reads. */
export const RR_TYPE_CODES: Readonly<Record<RRType, number>> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SPF: 99,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  NSEC3: 50,
  TLSA: 52,
};

/** Data types authaudit does not read: a zone file may hold them, a response may carry them. */
export const OTHER_TYPE_CODES: Readonly<Record<string, number>> = {
  MB: 7, MG: 8, MR: 9, NULL: 10, WKS: 11, HINFO: 13, MINFO: 14, RP: 17, AFSDB: 18, X25: 19, ISDN: 20,
  RT: 21, NSAP: 22, SIG: 24, KEY: 25, PX: 26, GPOS: 27, LOC: 29, NXT: 30, SRV: 33, NAPTR: 35, KX: 36,
  CERT: 37, APL: 42, SSHFP: 44, IPSECKEY: 45, DHCID: 49,
  NSEC3PARAM: 51, SMIMEA: 53, HIP: 55, CDS: 59, CDNSKEY: 60, OPENPGPKEY: 61,
  CSYNC: 62, ZONEMD: 63, SVCB: 64, HTTPS: 65, EUI48: 108, EUI64: 109, URI: 256, CAA: 257, TA: 32768,
  DLV: 32769,
};

/** RFC 6891 §6.1.1: the OPT pseudo-record that carries EDNS. */
export const OPT_TYPE_CODE = 41;

/** Types seen only in messages: OPT, DNAME (RFC 6672) and the query types of RFC 1035 §3.2.3, RFC 1995. */
const MESSAGE_ONLY_CODES: Readonly<Record<string, number>> = {
  OPT: OPT_TYPE_CODE, DNAME: 39, IXFR: 251, AXFR: 252, MAILB: 253, MAILA: 254, ANY: 255,
};

const RR_TYPE_BY_CODE = new Map<number, RRType>(Object.entries(RR_TYPE_CODES).map(([k, v]) => [v, k as RRType]));
const NAME_BY_CODE = new Map<number, string>(
  Object.entries({ ...OTHER_TYPE_CODES, ...MESSAGE_ONLY_CODES, ...RR_TYPE_CODES }).map(([k, v]) => [v, k]),
);

/** The type authaudit reads with this code, or undefined. */
export function rrTypeOfCode(code: number): RRType | undefined {
  return RR_TYPE_BY_CODE.get(code);
}

/** The code of a type mnemonic (any data type of the registry, or `TYPEnnn`), or undefined. */
export function rrTypeCodeOfName(text: string): number | undefined {
  const upper = text.toUpperCase();
  const known = CODE_BY_NAME.get(upper);
  if (known !== undefined) return known;
  const generic = /^TYPE([0-9]{1,5})$/.exec(upper);
  const code = generic === null ? NaN : Number(generic[1]);
  return code <= 65535 ? code : undefined;
}

const CODE_BY_NAME = new Map<string, number>(Object.entries({ ...OTHER_TYPE_CODES, ...MESSAGE_ONLY_CODES, ...RR_TYPE_CODES }));

/** The mnemonic of a type code, or `TYPEnnn` (RFC 3597 §5). */
export function typeName(code: number): string {
  return NAME_BY_CODE.get(code) ?? `TYPE${code}`;
}
