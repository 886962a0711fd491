// FCrDNS reports as Markdown: what the text report shows (each address and its result, the PTR
// question, each PTR name and what it resolves to, marked when it resolves back), from the same
// pieces as render-text.ts with DNS text in code spans; then the findings.
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { codeSpan } from '../report/markdown-text.js';
import type { FcrdnsReport } from './fcrdns.js';
import { forward, ptrState } from './render-text.js';

const dns = (text: string): string => codeSpan(text);

export function renderFcrdnsMarkdown(reports: readonly FcrdnsReport[], findings: readonly Finding[]): string {
  const out = ['## authaudit ptr', ''];
  for (const r of reports) {
    const mapped = r.mappedFrom === null ? '' : ` (given as ${codeSpan(r.mappedFrom)})`;
    out.push(`- **${codeSpan(r.address)}**${mapped}: FCrDNS **${r.result}**`, `  - ${ptrState(r, dns)}`);
    for (const n of r.names) out.push(`    - ${codeSpan(n.name)}: ${forward(n, dns)}${n.matches ? ' (resolves back: confirmed)' : ''}`);
  }
  out.push('', ...markdownFindingsSection('Findings', findings));
  return out.join('\n');
}
