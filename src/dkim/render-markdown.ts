// The DKIM audit as Markdown: what the text report shows (the `_domainkey` node, each key with
// its CNAME chain, state and record, what the probes found), built from the same pieces as
// render-text.ts with DNS text in code spans; then the findings.
import type { Finding } from '../findings/types.js';
import { markdownFindingsSection } from '../report/markdown.js';
import { codeSpan, escapeMarkdownText } from '../report/markdown-text.js';
import type { DkimAudit } from './audit-dkim.js';
import { clip, domainkeyState, keyNotes, keyState, probeLines, selectorsText } from './render-text.js';

const dns = (text: string): string => codeSpan(text);

export function renderDkimMarkdown(audit: DkimAudit, findings: readonly Finding[]): string {
  const out = [`## authaudit dkim ${codeSpan(audit.domain)}`, ''];
  out.push(`Keys by ${selectorsText(audit, dns)}; ${codeSpan(audit.domainkey.name)} ${domainkeyState(audit)}.`, '');
  if (audit.keys.length === 0) out.push('No key record found.', '');
  for (const k of audit.keys) {
    out.push(`- **${codeSpan(k.selector)}** ${codeSpan(k.name)}: ${escapeMarkdownText(keyState(k))}`);
    for (const note of keyNotes(k, dns)) out.push(`  - ${note}`);
    for (const r of k.records) out.push(`  - Record: ${codeSpan(clip(r.text))}`);
  }
  if (audit.keys.length > 0) out.push('');
  const probes = probeLines(audit, dns);
  if (probes.length > 0) out.push(...probes.map((line) => `${line}.`), '');
  out.push(...markdownFindingsSection('Findings', findings));
  return out.join('\n');
}
