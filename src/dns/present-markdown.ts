// One answer as Markdown (`authaudit lookup --format markdown`): what the text report shows — the
// question and its outcome, the CNAME chain followed, each record as a zone-file line (RFC 1035
// §5.1, from present.ts) — with every name and record in a code span, in zone-file notation.
import { escapeMarkdownText, notationSpan } from '../report/markdown-text.js';
import { describeAnswer, presentAbsoluteName, presentName, presentRecord } from './present.js';
import type { DnsAnswer } from './types.js';

export function renderAnswerMarkdown(answer: DnsAnswer): string {
  // RFC 2308 §5: a negative answer is kept for its own TTL, so it is shown
  const negativeTtl = (answer.kind === 'nxdomain' || answer.kind === 'nodata') && answer.ttl !== null ? ` (negative TTL ${answer.ttl})` : '';
  const out = [`## authaudit lookup ${notationSpan(presentName(answer.name) || '.')} ${answer.type}`, '', `${escapeMarkdownText(describeAnswer(answer))}${negativeTtl}`, ''];
  const lines = [
    ...answer.cnameChain.map((link) => `${presentAbsoluteName(link.name)} ${link.ttl} IN CNAME ${presentAbsoluteName(link.target)}`),
    ...(answer.kind === 'records' ? answer.records.map(presentRecord) : []),
  ];
  if (lines.length > 0) out.push(...lines.map((l) => `- ${notationSpan(l)}`), '');
  return out.join('\n');
}
