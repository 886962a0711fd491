// Records and answers in zone-file presentation form (RFC 1035 §5.1), for text reports, `lookup`
// and the `--verbose` query log: the one place DNS data is turned into text for people.
import { escapeForTerminal } from '../report/escape.js';
import type { DnsAnswer, DnsRecord } from './types.js';
import { isDnssecType, presentDnssecRdata, type DnssecFields } from '../zone/dnssec-rdata.js';

/** One character-string quoted, with `"` and `\` escaped and every non-printable byte as \DDD. */
export function quoteCharacterString(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) out += `\\${b.toString().padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out}"`;
}

/**
 * A name in zone-file form (RFC 1035 §5.1), absolute: every byte that is not printable, a blank,
 * or one of `"();` is written `\DDD`, so the text is plain printable ASCII and can be pasted back
 * into a zone file. ('.' and '\' inside a label are already escaped in authaudit's names.)
 */
export function presentName(name: string): string {
  let out = '';
  for (const ch of name) {
    const code = ch.charCodeAt(0);
    out += code <= 0x20 || code >= 0x7f || '"();'.includes(ch) ? `\\${code.toString().padStart(3, '0')}` : ch;
  }
  return out;
}

function absolute(name: string): string {
  return name === '' ? '.' : `${presentName(name)}.`;
}

export { absolute as presentAbsoluteName };

/** The RDATA of a record in presentation form. */
export function presentRdata(record: DnsRecord): string {
  if (isDnssecType(record.type)) return presentDnssecRdata(record as DnssecFields);
  switch (record.type) {
    case 'A':
    case 'AAAA':
      return record.address;
    case 'MX':
      return `${record.preference} ${absolute(record.exchange)}`;
    case 'TXT':
    case 'SPF':
      return record.strings.map(quoteCharacterString).join(' ');
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return absolute(record.target);
    case 'SOA':
      return `${absolute(record.mname)} ${absolute(record.rname)} ${record.serial} ${record.refresh} ${record.retry} ${record.expire} ${record.minimum}`;
  }
}

/** A whole record as a zone-file line: `name. TTL IN TYPE rdata`. */
export function presentRecord(record: DnsRecord): string {
  return `${absolute(record.name)} ${record.ttl} IN ${record.type} ${presentRdata(record)}`;
}

/**
 * A one-line summary of an answer's outcome: `1 record`, `2 records`, `NXDOMAIN`, `no data`,
 * `failure: timeout (…)`. The failure detail is free text: escape the result before it reaches a
 * terminal (presentAnswer does).
 */
export function describeAnswer(answer: DnsAnswer): string {
  switch (answer.kind) {
    case 'records':
      return `${answer.records.length} record${answer.records.length === 1 ? '' : 's'}`;
    case 'nxdomain':
      return 'NXDOMAIN';
    case 'nodata':
      return 'no data';
    case 'failure':
      return `failure: ${answer.failure} (${answer.detail})`;
  }
}

/**
 * A whole answer on one line, safe to print: the question, the CNAME chain followed, the outcome,
 * its TTL and the records' data, e.g.
 * `www.example A -> CNAME web.example. -> 1 record (TTL 90): 192.0.2.80`,
 * `example.com TXT -> 2 records (TTL 300): "v=spf1 -all" | "a" "b"`,
 * `gone.example MX -> NXDOMAIN (negative TTL 60)`.
 * Names and records are in zone-file form (printable ASCII, other bytes as \DDD); the failure
 * detail is escaped for the terminal.
 */
export function presentAnswer(answer: DnsAnswer): string {
  const chain = answer.cnameChain.map((link) => ` -> CNAME ${absolute(link.target)}`).join('');
  const head = `${presentName(answer.name) || '.'} ${answer.type}${chain}`;
  return `${head} -> ${escapeForTerminal(describeAnswer(answer))}${outcomeDetail(answer)}`;
}

function outcomeDetail(answer: DnsAnswer): string {
  switch (answer.kind) {
    case 'records': {
      if (answer.records.length === 0) return '';
      const ttl = Math.min(...answer.records.map((r) => r.ttl));
      return ` (TTL ${ttl}): ${answer.records.map(presentRdata).join(' | ')}`;
    }
    case 'nxdomain':
    case 'nodata':
      // RFC 2308 §5: a negative answer is kept for its own TTL, taken from the SOA.
      return answer.ttl === null ? '' : ` (negative TTL ${answer.ttl})`;
    case 'failure':
      return '';
  }
}
