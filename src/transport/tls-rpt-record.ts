// The `_smtp._tls.<domain>` TXT record (RFC 8460 §3), parsed whole: `v=TLSRPTv1` and `rua`, a
// comma-separated list of mailto: and https: URIs where reports go.
//
//   tlsrpt-rua = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
//   tlsrpt-uri = URI   ; "," and "!" percent-encoded
import { checkDomainName } from '../model/domain-name.js';
import { parseMailboxes } from '../model/mailbox.js';
import { readVersionedFields, type FieldProblem } from './sts-fields.js';

export interface TlsRptUri {
  uri: string;
  scheme: 'mailto' | 'https' | null;
  /** 0-based offset in the record text. */
  position: number;
  /** Why it is not a usable report destination; null when it is. */
  problem: string | null;
}

export interface TlsRptRecord {
  text: string;
  rua: TlsRptUri[];
  problems: FieldProblem[];
}

const RULE = 'RFC 8460 §3';

function readUri(uri: string, position: number): TlsRptUri {
  const lower = uri.toLowerCase();
  if (lower.startsWith('mailto:')) {
    let address = '';
    try {
      address = decodeURIComponent(uri.slice(7).split('?')[0] ?? '');
    } catch {
      address = '';
    }
    const mailboxes = parseMailboxes(address);
    const domain = mailboxes.length === 1 ? mailboxes[0]?.domain ?? null : null;
    const ok = domain !== null && checkDomainName(domain).ok && !/^@|@$/.test(address);
    return { uri, scheme: 'mailto', position, problem: ok ? null : `"${uri}" is not a mailto: URI with one e-mail address (${RULE}, RFC 6068)` };
  }
  if (lower.startsWith('https:')) {
    let ok = false;
    try {
      ok = new URL(uri).hostname !== '';
    } catch {
      ok = false;
    }
    return { uri, scheme: 'https', position, problem: ok ? null : `"${uri}" is not an https URL (${RULE})` };
  }
  return { uri, scheme: null, position, problem: `"${uri}" is neither a mailto: nor an https: URI, the two schemes reports are sent to (${RULE})` };
}

export function parseTlsRptRecord(text: string): TlsRptRecord {
  const { tags, problems } = readVersionedFields(text, 'TLSRPTv1', RULE, ['rua']);
  const rua = tags.find((t) => t.name === 'rua');
  const uris: TlsRptUri[] = [];
  if (rua === undefined) problems.push({ position: text.length, message: `the record has no "rua" field: reports have nowhere to go (${RULE})` });
  else {
    let offset = 0;
    for (const part of rua.value.split(',')) {
      const lead = part.length - part.trimStart().length;
      const uri = part.trim();
      const position = rua.valuePosition + offset + lead;
      offset += part.length + 1;
      if (uri === '') problems.push({ position, message: `an empty URI in "rua" (${RULE})` });
      else uris.push(readUri(uri, position));
    }
  }
  for (const u of uris) if (u.problem !== null) problems.push({ position: u.position, message: u.problem });
  problems.sort((a, b) => a.position - b.position);
  return { text, rua: uris, problems };
}
