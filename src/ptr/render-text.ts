// FCrDNS reports for a terminal: each address, its PTR names and what each resolves to.
import type { Finding } from '../findings/types.js';
import { paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { renderFindingsText } from '../report/text.js';
import type { FcrdnsReport, PtrNameCheck } from './fcrdns.js';

/** What a PTR name resolves to (DNS text through `dns`). */
export function forward(n: PtrNameCheck, dns: (text: string) => string = esc): string {
  if (!n.checked) return 'not checked (past the first 10 names)';
  const via = n.cnameChain.length > 0 ? ` via CNAME ${n.cnameChain.map((l) => dns(l.target)).join(' → ')}` : '';
  switch (n.outcome) {
    case 'records':
      return `${n.forwardType} ${n.addresses.map(dns).join(', ')}${via}`;
    case 'nxdomain':
      return `NXDOMAIN${via}`;
    case 'nodata':
      return `no ${n.forwardType} record${via}`;
    case 'failure':
      return `lookup failed: ${n.failure?.kind ?? 'failure'}${via}`;
    default:
      return '';
  }
}

/** What the PTR question found, with the CNAME chain it went through. */
export function ptrState(r: FcrdnsReport, dns: (text: string) => string): string {
  const via = r.ptr.cnameChain.length > 0 ? ` via CNAME ${r.ptr.cnameChain.map((l) => dns(l.target)).join(' → ')}` : '';
  const state = r.ptr.outcome === 'failure' ? `lookup failed: ${r.ptr.failure?.kind ?? 'failure'}` : r.ptr.outcome === 'nxdomain' ? 'NXDOMAIN' : r.ptr.outcome === 'nodata' ? 'no PTR record' : `${r.names.length} PTR name${r.names.length === 1 ? '' : 's'}`;
  return `${dns(r.reverseName)}${via}: ${state}`;
}

export function renderFcrdnsText(reports: readonly FcrdnsReport[], findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines: string[] = [];
  for (const r of reports) {
    const tone = r.result === 'pass' ? p.green : r.result === 'temperror' ? p.yellow : p.red;
    const mapped = r.mappedFrom === null ? '' : p.dim(` (given as ${esc(r.mappedFrom)})`);
    lines.push(`${p.bold(esc(r.address))}${mapped}  FCrDNS ${tone(r.result)}`);
    lines.push(`  ${ptrState(r, esc)}`);
    for (const n of r.names) lines.push(`    ${n.matches ? p.green('=') : ' '} ${esc(n.name)}  ${forward(n)}`);
  }
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
