// The generated part of docs/providers.md: the registry of provider knowledge as Markdown
// (`npm run docs:providers` writes it; test/providers/registry-doc.test.ts fails when the file differs).
import { BIMI_DISPLAY } from './bimi-display.js';
import { CAUSE_INFO } from './causes.js';
import { PROVIDER_INFO, PROVIDER_REPLIES, PROVIDER_REQUIREMENTS } from './registry.js';
import { CAUSES, type ProviderReply, type ReplyForm, type Source } from './types.js';

export const GENERATED_BEGIN = '<!-- BEGIN GENERATED: npm run docs:providers (from src/providers/registry.ts); do not edit by hand -->';
export const GENERATED_END = '<!-- END GENERATED -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const form = (f: ReplyForm): string => [f.code, f.enhanced].filter((x) => x !== null).join(' ') || '(no code)';
const permanence = (f: ReplyForm): string => {
  const first = (f.code ?? f.enhanced ?? '')[0];
  return first === '5' ? 'permanent' : first === '4' ? 'temporary' : 'unknown';
};
const sourceText = (s: Source): string => `${s.title}, ${s.url}, ${s.read === null ? 'date not recorded' : `read ${s.read}`}`;

function replyRow(r: ProviderReply): string {
  const forms = r.forms.map((f) => `\`${form(f)}\` (${permanence(f)})`).join('; ');
  const text = r.text === null ? '(no text recorded)' : `"${cell(r.text)}"`;
  const seen = r.seen === 'documentation' ? 'documented' : 'seen in real bounces';
  return `| ${forms} | \`${r.cause}\` | ${text} | ${cell(r.meaning)} | ${seen}; ${cell(sourceText(r.source))} |`;
}

/** The section between the markers, markers included. */
export function renderProviderRegistryMarkdown(): string {
  const out: string[] = [GENERATED_BEGIN, '', '## Provider registry', ''];
  out.push(
    'Every reply code, text and requirement the predictor and `authaudit bounce` know, from the registry',
    '[src/providers/registry.ts](../src/providers/registry.ts). A reply code starting with 4 is temporary, with 5',
    'permanent. Where a provider gives a registered enhanced code (RFC 3463, IANA) a meaning of its own, the',
    'meaning column says so: `authaudit bounce` then shows both, and the provider\'s wins.',
    '',
  );
  for (const p of PROVIDER_INFO) {
    out.push(`### ${p.name}`, '');
    out.push(`Mail for ${p.domains.join(', ')}. ${p.predictedByDefault ? 'Predicted by default.' : 'Predicted only when asked (`--providers` of predict, audit, diff and message, or `providers` in a profile or the config).'}`, '');
    const replies = PROVIDER_REPLIES.filter((r) => r.provider === p.id);
    if (replies.length > 0) {
      out.push('| reply | cause | text | meaning | source |', '|---|---|---|---|---|', ...replies.map(replyRow), '');
    }
    const requirements = PROVIDER_REQUIREMENTS.filter((r) => r.provider === p.id);
    if (requirements.length > 0) {
      out.push('Requirements:', '', ...requirements.map((r) => `- ${r.scope}: ${r.what}. Source: ${sourceText(r.source)}.`), '');
    }
  }
  out.push('### BIMI logo display', '', 'What `authaudit bimi` says of each provider: whether it shows BIMI logos at all, and what mark certificate it asks for beyond a valid record, an SVG Tiny PS indicator and DMARC at enforcement.', '');
  out.push('| provider | shows logos | evidence asked for | note | source |', '|---|---|---|---|---|');
  const evidence = { 'vmc-or-cmc': 'a VMC or a CMC', vmc: 'a VMC', none: 'none (reputation)', unpublished: 'not published' } as const;
  for (const b of BIMI_DISPLAY) out.push(`| ${PROVIDER_INFO.find((p) => p.id === b.provider)?.name ?? b.provider} | ${b.displays ? 'yes' : 'no'} | ${evidence[b.evidence]} | ${cell(b.note)} | ${cell(sourceText(b.source))} |`);
  out.push('');
  out.push('### Bounce causes', '', '| cause | meaning | what `authaudit bounce` checks in DNS |', '|---|---|---|');
  for (const c of CAUSES) out.push(`| \`${c}\` | ${cell(CAUSE_INFO[c].meaning)} | ${cell(CAUSE_INFO[c].dnsCheck ?? 'nothing: DNS cannot show it')} |`);
  out.push('', GENERATED_END);
  return out.join('\n');
}

/** The document with its generated section replaced (appended when the markers are missing). */
export function withGeneratedSection(doc: string, section: string): string {
  const begin = doc.indexOf(GENERATED_BEGIN);
  const end = doc.indexOf(GENERATED_END);
  if (begin < 0 || end < begin) return `${doc.replace(/\s*$/, '')}\n\n${section}\n`;
  return doc.slice(0, begin) + section + doc.slice(end + GENERATED_END.length);
}
