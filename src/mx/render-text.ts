// An MX report for a terminal: the hosts in preference order with their addresses, then findings.
import type { Finding } from '../findings/types.js';
import { paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { renderFindingsText } from '../report/text.js';
import type { MxHostReport, MxReport } from './check-mx.js';

export const KIND_TEXT: Record<MxReport['kind'], string> = {
  mx: 'MX hosts',
  'null-mx': 'null MX: accepts no mail (RFC 7505)',
  implicit: 'no MX: implicit MX on the domain\'s own addresses (RFC 5321 §5.1)',
  'no-mail': 'no MX and no address: cannot receive mail',
  nxdomain: 'the domain does not exist (NXDOMAIN)',
  temperror: 'lookup failed',
};

/** An MX host's name, the CNAME chain it goes through, and what its addresses are (DNS text through `dns`). */
export function hostParts(h: MxHostReport, dns: (text: string) => string): { exchange: string; via: string; state: string } {
  const exchange = h.exchange === '' ? '.' : dns(h.exchange);
  const via = h.cnameChain.length > 0 ? `CNAME → ${h.cnameChain.map((l) => dns(l.target)).join(' → ')}` : '';
  const state =
    h.status === 'ok'
      ? h.addresses.map(dns).join(', ')
      : h.status === 'null'
        ? 'null MX'
        : h.status === 'ip-literal'
          ? 'an IP address, not a host name'
          : h.status === 'temperror'
            ? 'address lookup failed'
            : h.a?.outcome === 'nxdomain'
              ? 'NXDOMAIN'
              : 'no A or AAAA record';
  return { exchange, via, state };
}

/** Why the report has no hosts to list, when a lookup failed: the failure's kind and detail. */
export function mxFailure(report: MxReport): { kind: string; detail: string } | null {
  if (report.kind !== 'temperror') return null;
  return report.mx.failure ?? report.implicit?.a.failure ?? report.implicit?.aaaa.failure ?? null;
}

function hostLine(h: MxHostReport): string {
  const { exchange, via, state } = hostParts(h, esc);
  return `  ${String(h.preference).padStart(5)} ${exchange}${via === '' ? '' : ` (${via})`}  ${state}`;
}

export function renderMxText(report: MxReport, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines = [`${p.bold(`MX ${esc(report.domain)}`)}  ${KIND_TEXT[report.kind]}`];
  const f = mxFailure(report);
  if (f !== null) lines.push(`  ${esc(f.kind)}: ${esc(f.detail)}`);
  for (const h of report.hosts) lines.push(hostLine(h));
  if (report.implicit !== null && report.implicit.addresses.length > 0) lines.push(`  ${report.implicit.addresses.map(esc).join(', ')}`);
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
