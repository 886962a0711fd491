// "What to change" as Markdown: the same edits as render-text.ts, a numbered list in the order to
// publish them, each with its value (one unsplit string) and its zone-file line in code spans.
import { codeSpan, escapeMarkdownText, markdownProse, notationSpan } from '../report/markdown-text.js';
import type { ChangePlan, DnsChange } from './what-to-change.js';

const VERB: Record<DnsChange['action'], string> = { add: 'Add', replace: 'Replace', remove: 'Remove' };

/** The section's lines (ending with a blank line); none when there is nothing to change. */
export function renderChangesMarkdown(plan: ChangePlan): string[] {
  const { changes, elsewhere } = plan;
  if (changes.length === 0 && elsewhere.length === 0) return [];
  const out: string[] = [];
  if (changes.length > 0) {
    out.push('**What to change** (publish in this order):', '');
    changes.forEach((c, i) => {
      const marker = `${i + 1}. `;
      const pad = ' '.repeat(marker.length);
      const what = c.action === 'replace' ? ' (the record there now)' : c.action === 'remove' ? ' (this record)' : '';
      out.push(`${marker}${VERB[c.action]} ${codeSpan(c.type)} at ${codeSpan(c.name)}${what}; clears ${c.clears.map((id) => codeSpan(id)).join(', ')}`);
      if (c.action === 'replace' && c.current !== null) out.push(`${pad}- now: ${codeSpan(c.current)}`);
      out.push(`${pad}- ${c.action === 'remove' ? 'record' : 'value'}: ${codeSpan(c.value)}`);
      out.push(`${pad}- zone file: ${notationSpan(c.zoneLine)}`);
    });
    out.push('');
    if (changes.some((c) => /<[^>]+>/.test(`${c.name} ${c.value}`))) out.push(escapeMarkdownText('Values in <angle brackets> are yours to fill in (a selector name, a public key).'), '');
  }
  if (elsewhere.length > 0) {
    out.push('**Outside your zones** (ask whoever runs them: the address holder for reverse DNS, the provider for its records):', '');
    for (const line of elsewhere) out.push(`- ${markdownProse(line)}`);
    out.push('');
  }
  return out;
}
