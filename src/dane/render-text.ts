// The `dnssec` report for a terminal: the verdict, the chain of trust, each record with its
// verdict, each MX host's TLSA records, then the findings.
import type { Finding } from '../findings/types.js';
import { paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { renderFindingsText } from '../report/text.js';
import type { MailDnssecReport, RecordCheck } from './mail-dnssec.js';

const zoneName = (z: string): string => (z === '' ? '.' : esc(z));

function why(c: { reason: string | null; detail: string | null }): string {
  return c.reason === null ? '' : `  (${esc(c.reason)}${c.detail === null ? '' : `: ${esc(c.detail)}`})`;
}

function recordLine(c: RecordCheck): string {
  const outcome = c.outcome === 'records' ? '' : ` [${c.outcome}]`;
  return `  ${c.status.padEnd(13)} ${esc(c.name)} ${c.type}${outcome}${why(c)}`;
}

/** One line for the audit: the verdict, the chain's zones, and the MX hosts' TLSA. */
export function dnssecLine(r: MailDnssecReport): string {
  const chain = r.chain.map((l) => zoneName(l.zone)).join(' → ');
  const tlsa = r.hosts.filter((h) => h.records.length > 0).map((h) => `${esc(h.host)} TLSA ${h.tlsa.status}`);
  return `${r.status} (chain ${chain || 'none'}${tlsa.length === 0 ? '; no TLSA' : `; ${tlsa.join(', ')}`})`;
}

export function renderMailDnssecText(r: MailDnssecReport, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines = [`${p.bold(`DNSSEC ${esc(r.domain)}`)}  ${r.status}  (trust anchor ${zoneName(r.anchor.zone)}: ${esc(r.anchor.source)})`, '', 'chain of trust:'];
  for (const l of r.chain) {
    lines.push(`  ${l.status.padEnd(13)} ${zoneName(l.zone)}  DS ${l.ds.length === 0 ? 'none' : l.ds.map((d) => d.split(' ')[0]).join(', ')}  DNSKEY ${l.dnskey.length === 0 ? 'none' : l.dnskey.map(esc).join(', ')}${l.nsec3 === null ? '' : `  NSEC3 ${l.nsec3.iterations} ${l.nsec3.salt || '-'}`}${why(l)}`);
  }
  lines.push('', 'records:', ...r.records.map(recordLine));
  for (const h of r.hosts) {
    lines.push('', `MX ${h.preference} ${esc(h.host)}: TLSA at ${esc(h.tlsaName)} ${h.tlsa.status}${h.records.length === 0 ? ' (none)' : ''}`);
    for (const t of h.records) {
      const match = t.matched === null ? '' : t.matched ? '  matches the certificate' : '  does not match';
      lines.push(`  TLSA ${t.record.usage} ${t.record.selector} ${t.record.matchingType} ${Buffer.from(t.record.data).toString('hex').slice(0, 16)}…  ${t.problem === null ? 'usable' : esc(t.problem)}${match}`);
    }
  }
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
