// The MX report as Markdown: what the text report shows (the kind of mail routing, the hosts in
// preference order with their addresses, or the implicit MX's addresses), from the same pieces
// as render-text.ts with DNS text in code spans; then the findings.
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { codeSpan, escapeMarkdownText } from '../report/markdown-text.js';
import type { MxReport } from './check-mx.js';
import { hostParts, KIND_TEXT, mxFailure } from './render-text.js';

const cell = (text: string): string => codeSpan(text, true);

export function renderMxMarkdown(report: MxReport, findings: readonly Finding[]): string {
  const out = [`## authaudit mx ${codeSpan(report.domain)}`, ''];
  // (a table of hosts says 'MX hosts' by itself)
  if (report.kind !== 'mx') out.push(`${escapeMarkdownText(KIND_TEXT[report.kind])}.`, '');
  const f = mxFailure(report);
  if (f !== null) out.push(`${codeSpan(f.kind)}: ${codeSpan(f.detail)}`, '');
  if (report.hosts.length > 0) {
    out.push('| Preference | Host | Addresses |', '| ---: | --- | --- |');
    for (const h of report.hosts) {
      const { exchange, via, state } = hostParts(h, cell);
      out.push(`| ${h.preference} | ${exchange}${via === '' ? '' : ` (${via})`} | ${state} |`);
    }
    out.push('');
  }
  if (report.implicit !== null && report.implicit.addresses.length > 0) out.push(`Addresses: ${report.implicit.addresses.map((a) => codeSpan(a)).join(', ')}`, '');
  out.push(...markdownFindingsSection('Findings', findings));
  return out.join('\n');
}
