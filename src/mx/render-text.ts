// An MX report for a terminal: the hosts in preference order with their addresses, then findings.
import type { Finding } from '../findings/types.js';
import { paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { renderFindingsText } from '../report/text.js';
import type { MxHostReport, MxReport } from './check-mx.js';

const KIND_TEXT: Record<MxReport['kind'], string> = {
  mx: 'MX hosts',
  'null-mx': 'null MX: accepts no mail (RFC 7505)',
  implicit: 'no MX: implicit MX on the domain\'s own addresses (RFC 5321 §5.1)',
  'no-mail': 'no MX and no address: cannot receive mail',
  nxdomain: 'the domain does not exist (NXDOMAIN)',
  temperror: 'lookup failed',
};

function hostLine(h: MxHostReport): string {
  const exchange = h.exchange === '' ? '.' : esc(h.exchange);
  const via = h.cnameChain.length > 0 ? ` (CNAME → ${h.cnameChain.map((l) => esc(l.target)).join(' → ')})` : '';
  const state =
    h.status === 'ok'
      ? h.addresses.map(esc).join(', ')
      : h.status === 'null'
        ? 'null MX'
        : h.status === 'ip-literal'
          ? 'an IP address, not a host name'
          : h.status === 'temperror'
            ? 'address lookup failed'
            : h.a?.outcome === 'nxdomain'
              ? 'NXDOMAIN'
              : 'no A or AAAA record';
  return `  ${String(h.preference).padStart(5)} ${exchange}${via}  ${state}`;
}

export function renderMxText(report: MxReport, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines = [`${p.bold(`MX ${esc(report.domain)}`)}  ${KIND_TEXT[report.kind]}`];
  if (report.kind === 'temperror') {
    const f = report.mx.failure ?? report.implicit?.a.failure ?? report.implicit?.aaaa.failure ?? null;
    if (f !== null) lines.push(`  ${esc(f.kind)}: ${esc(f.detail)}`);
  }
  for (const h of report.hosts) lines.push(hostLine(h));
  if (report.implicit !== null && report.implicit.addresses.length > 0) lines.push(`  ${report.implicit.addresses.map(esc).join(', ')}`);
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
