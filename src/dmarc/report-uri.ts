// `rua` / `ruf` values: comma-separated URIs, each with an optional `!size` suffix
// (RFC 7489 §6.2 and §6.4). Reports go by e-mail only, so a usable URI is a `mailto:` one (RFC 6068).
import type { DmarcIssue, ReportUri } from './types.js';

const SIZE_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const LDH_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
// RFC 5322 dot-atom characters, plus what percent-decoding may bring back in a quoted local part.
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;

function percentDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

/** A host name as a mailbox domain: LDH labels, at least two, 253 octets at most. */
export function isMailDomain(domain: string): boolean {
  if (domain.length === 0 || domain.length > 253) return false;
  const labels = domain.split('.');
  return labels.length >= 2 && labels.every((l) => LDH_LABEL.test(l)) && !/^[0-9]+$/.test(labels[labels.length - 1] ?? '');
}

/** Read one URI (without surrounding whitespace) found at `position`. */
export function parseReportUri(text: string, position: number): ReportUri {
  const base: ReportUri = { text, position, scheme: null, address: null, domain: null, sizeLimit: null, valid: false, problem: null };
  let uri = text;
  const bang = text.lastIndexOf('!');
  if (bang !== -1) {
    // RFC 7489 §6.2: "!" 1*DIGIT [ "k" / "m" / "g" / "t" ]; a literal "!" in a URI must be %-encoded.
    const suffix = text.slice(bang + 1);
    const m = /^([0-9]+)([kmgtKMGT]?)$/.exec(suffix);
    if (!m) return { ...base, problem: `"!${suffix}" is not a size limit (digits, then k, m, g or t)` };
    const unit = (m[2] ?? '').toLowerCase();
    base.sizeLimit = { text: `!${suffix}`, bytes: Number(m[1]) * (SIZE_UNITS[unit] ?? 1) };
    uri = text.slice(0, bang);
  }
  const scheme = SCHEME.exec(uri);
  if (!scheme) return { ...base, problem: 'not a URI: it has no scheme (expected "mailto:")' };
  base.scheme = (scheme[1] ?? '').toLowerCase();
  if (base.scheme !== 'mailto') return { ...base, problem: `"${scheme[1]}:" URIs are not used for reports; only "mailto:" is` };
  const rest = uri.slice(scheme[0].length);
  const to = rest.split('?')[0] ?? '';
  const decoded = percentDecode(to);
  if (decoded === null) return { ...base, problem: 'bad percent-encoding in the address' };
  const at = decoded.lastIndexOf('@');
  if (at <= 0) return { ...base, problem: `"${decoded}" is not a mailbox (local-part@domain)` };
  const local = decoded.slice(0, at);
  const domain = decoded.slice(at + 1).replace(/\.$/, '').toLowerCase();
  base.address = decoded;
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ...base, problem: `"${local}" is not a valid local part (RFC 5322 §3.4.1)` };
  }
  if (!isMailDomain(domain)) return { ...base, problem: `"${domain}" is not a valid mail domain` };
  return { ...base, domain, valid: true };
}

/** Split a `rua`/`ruf` value at commas (RFC 7489 §6.4: `dmarc-uri *(*WSP "," *WSP dmarc-uri)`). */
export function parseReportUris(value: string, valuePosition: number, tag: string): { uris: ReportUri[]; issues: DmarcIssue[] } {
  const uris: ReportUri[] = [];
  const issues: DmarcIssue[] = [];
  let start = 0;
  for (;;) {
    const comma = value.indexOf(',', start);
    const end = comma === -1 ? value.length : comma;
    const raw = value.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const text = raw.trim();
    const position = valuePosition + start + lead;
    if (text === '') {
      issues.push({ code: 'bad-uri', severity: 'error', message: `empty URI in ${tag} (RFC 7489 §6.4)`, position, tag });
    } else {
      const uri = parseReportUri(text, position);
      uris.push(uri);
      if (uri.scheme !== null && uri.scheme !== 'mailto') {
        issues.push({
          code: 'non-mailto-uri',
          severity: 'warning',
          message: `${tag} URI "${text}" is not mailto:; reports are only sent by e-mail (RFC 7489 §7.2.1.1)`,
          position,
          tag,
        });
      } else if (!uri.valid) {
        issues.push({ code: 'bad-uri', severity: 'error', message: `${tag} URI "${text}": ${uri.problem ?? 'invalid'} (RFC 7489 §6.2)`, position, tag });
      }
      if (uri.sizeLimit !== null) {
        issues.push({
          code: 'size-limit',
          severity: 'info',
          message: `size limit "${uri.sizeLimit.text}" on ${tag} URI: RFC 9989 dropped it and reporters ignore it (RFC 7489 §6.2 allowed it)`,
          position: position + text.length - uri.sizeLimit.text.length,
          tag,
        });
      }
    }
    if (comma === -1) break;
    start = comma + 1;
  }
  return { uris, issues };
}
