// FCrDNS reports for a terminal: each address, its PTR names and what each resolves to.
import type { Finding } from '../findings/types.js';
import { paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { renderFindingsText } from '../report/text.js';
import type { FcrdnsReport, PtrNameCheck } from './fcrdns.js';

function forward(n: PtrNameCheck): string {
  if (!n.checked) return 'not checked (past the first 10 names)';
  const via = n.cnameChain.length > 0 ? ` via CNAME ${n.cnameChain.map((l) => esc(l.target)).join(' → ')}` : '';
  switch (n.outcome) {
    case 'records':
      return `${n.forwardType} ${n.addresses.map(esc).join(', ')}${via}`;
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

export function renderFcrdnsText(reports: readonly FcrdnsReport[], findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines: string[] = [];
  for (const r of reports) {
    const tone = r.result === 'pass' ? p.green : r.result === 'temperror' ? p.yellow : p.red;
    const mapped = r.mappedFrom === null ? '' : p.dim(` (given as ${esc(r.mappedFrom)})`);
    lines.push(`${p.bold(esc(r.address))}${mapped}  FCrDNS ${tone(r.result)}`);
    const via = r.ptr.cnameChain.length > 0 ? ` via CNAME ${r.ptr.cnameChain.map((l) => esc(l.target)).join(' → ')}` : '';
    const ptrState = r.ptr.outcome === 'failure' ? `lookup failed: ${r.ptr.failure?.kind ?? 'failure'}` : r.ptr.outcome === 'nxdomain' ? 'NXDOMAIN' : r.ptr.outcome === 'nodata' ? 'no PTR record' : `${r.names.length} PTR name${r.names.length === 1 ? '' : 's'}`;
    lines.push(`  ${esc(r.reverseName)}${via}: ${ptrState}`);
    for (const n of r.names) lines.push(`    ${n.matches ? p.green('=') : ' '} ${esc(n.name)}  ${forward(n)}`);
  }
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
