// "What to change" for a terminal: each DNS edit with its owner, type and action, the value as one
// unsplit string (for web DNS panels) and as a zone-file line, and the findings it clears.
import type { Paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import type { ChangePlan, DnsChange } from './what-to-change.js';

const VERB: Record<DnsChange['action'], string> = { add: 'add', replace: 'replace', remove: 'remove' };

/** The section's lines, indented by `indent`; none when there is nothing to change. */
export function renderChangesText(plan: ChangePlan, p: Paint, indent = ''): string[] {
  const { changes, elsewhere } = plan;
  if (changes.length === 0 && elsewhere.length === 0) return [];
  const lines = [`${indent}${p.bold('What to change')} ${p.dim('(publish in this order)')}`];
  changes.forEach((c, i) => {
    const head = `${indent}  ${i + 1}. ${VERB[c.action]} ${esc(c.type)} at ${esc(c.name)}`;
    const what = c.action === 'replace' ? 'the record there now' : c.action === 'remove' ? 'this record' : null;
    lines.push(`${head}${what === null ? '' : p.dim(` (${what})`)}  ${p.dim(`clears ${c.clears.join(', ')}`)}`);
    if (c.action === 'replace' && c.current !== null) lines.push(`${indent}     now:       ${esc(c.current)}`);
    lines.push(`${indent}     ${c.action === 'remove' ? 'record:   ' : 'value:    '} ${esc(c.value)}`);
    lines.push(`${indent}     zone file: ${esc(c.zoneLine)}`);
  });
  if (elsewhere.length > 0) {
    lines.push(`${indent}  ${p.yellow('Outside your zones')} ${p.dim('(ask whoever runs them: the address holder for reverse DNS, the provider for its records)')}`);
    for (const line of elsewhere) lines.push(`${indent}  - ${esc(line)}`);
  }
  if (changes.some((c) => /<[^>]+>/.test(`${c.name} ${c.value}`))) lines.push(`${indent}  ${p.dim('Values in <angle brackets> are yours to fill in (a selector name, a public key).')}`);
  return lines;
}
