// RFC 1035 §3.2.1: RDLENGTH is a 16-bit field, so the RDATA of one record is at most 65,535 bytes
// on the wire. A zone file can spell out more (a TXT of 300 strings, `\# 70000 …`), but no server
// can send it: the reader refuses such a record, pointing at its first RDATA token.
import type { Position } from './zone-file-error.js';
import { zoneError } from './zone-file-error.js';
import { splitNameLabels, wireLength } from './domain-name.js';
import type { RdataFields } from './generic-rdata.js';
import { dnssecRdataBytes, isDnssecType } from './dnssec-rdata.js';

export const MAX_RDATA = 65535;

/** Wire length of a name as the reader keeps it (labels of Latin-1 bytes, escapes for '.' and '\'). */
function nameLength(name: string): number {
  return wireLength(splitNameLabels(name));
}

/** The wire length of a typed record's RDATA (RFC 1035 §3.3, §3.4; RFC 3596 §2.2). */
export function typedRdataLength(fields: RdataFields): number {
  if (isDnssecType(fields.type)) return dnssecRdataBytes(fields as Parameters<typeof dnssecRdataBytes>[0]).length;
  switch (fields.type) {
    case 'A':
      return 4;
    case 'AAAA':
      return 16;
    case 'MX':
      return 2 + nameLength(fields.exchange);
    case 'TXT':
    case 'SPF':
      // each character-string is a length byte and its bytes (RFC 1035 §3.3)
      return fields.strings.reduce((n, s) => n + 1 + s.length, 0);
    case 'PTR':
    case 'CNAME':
    case 'NS':
      return nameLength(fields.target);
    case 'SOA':
      return nameLength(fields.mname) + nameLength(fields.rname) + 20; // five 32-bit fields
  }
}

/** Throws a ZoneFileError at `at` when `length` bytes of RDATA cannot be sent (RFC 1035 §3.2.1). */
export function checkRdataLength(length: number, type: string, at: Position): void {
  if (length <= MAX_RDATA) return;
  const hint = type === 'TXT' || type === 'SPF' ? '; spread the text over several records or names' : '';
  throw zoneError(at, `${type} RDATA is ${length} bytes on the wire: at most ${MAX_RDATA}, since RDLENGTH is 16 bits (RFC 1035 §3.2.1)${hint}`);
}
