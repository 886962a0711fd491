// The bounce report for a terminal: each reply (code, provider, cause, meaning), the sender as
// found, each cause's check against today's DNS, then the findings. Reply and DNS text is escaped.
import type { Finding } from '../findings/types.js';
import { PROVIDER_INFO } from '../providers/registry.js';
import { paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { renderFindingsText } from '../report/text.js';
import type { BounceReply, BounceReport, CauseCheck, SenderFact } from './types.js';

export const providerName = (id: BounceReply['provider']): string => PROVIDER_INFO.find((p) => p.id === id)?.name ?? 'unrecognised receiver';
export const codeText = (r: BounceReply): string => [r.code, r.enhanced].filter((c) => c !== null).join(' ') || 'no code';
export const permanenceText = (r: BounceReply): string => (r.permanent === true ? 'permanent' : r.permanent === false ? 'temporary' : 'temporary or permanent: no code');
export const verdictText = (c: CauseCheck): string => (c.confirmed === true ? 'confirmed' : c.confirmed === false ? 'refuted' : 'cannot tell');

/** The meanings of the enhanced code: the provider's (which wins) and the IANA registry's. */
export function meaningLines(r: BounceReply): string[] {
  const out: string[] = [];
  if (r.meaning.provider !== null) out.push(`${providerName(r.provider)}: ${r.meaning.provider}`);
  if (r.meaning.standard !== null && r.enhanced !== null) out.push(`IANA ${r.enhanced.replace(/^\d/, 'X')}: ${r.meaning.standard}${r.meaning.provider !== null ? ' (the provider\'s meaning wins)' : ''}`);
  return out;
}

export const factText = (f: SenderFact | null, dns: (t: string) => string): string => (f === null ? 'unknown' : `${dns(f.value)} (${f.source})`);

export function renderBounceText(report: BounceReport, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines: string[] = [p.bold(`Bounce: ${report.replies.length} ${report.replies.length === 1 ? 'reply' : 'replies'} (${report.kind === 'dsn' ? 'delivery status notification' : 'text'})`)];
  for (const n of report.notes) lines.push(`  note: ${esc(n)}`);
  report.replies.forEach((r, i) => {
    lines.push('', `${p.bold(`${i + 1}. ${codeText(r)}`)}  ${providerName(r.provider)}  cause ${p.bold(r.cause)}  ${permanenceText(r)}`);
    if (r.recipient !== null) lines.push(`   recipient: ${esc(r.recipient)}`);
    if (r.remoteMta !== null) lines.push(`   remote MTA: ${esc(r.remoteMta)}`);
    lines.push(`   text: ${esc(r.text) || '(none)'}`);
    for (const m of meaningLines(r)) lines.push(`   ${esc(m)}`);
    if (r.source !== null) lines.push(`   source: ${esc(r.source.url)}${r.source.read === null ? ' (date not recorded)' : ` (read ${r.source.read})`}`);
  });
  const s = report.sender;
  lines.push('', p.bold('Sender'), `   From: ${factText(s.from, esc)}`, `   MAIL FROM: ${factText(s.mailFrom, esc)}`, `   IP: ${factText(s.ip, esc)}`);
  lines.push(`   DKIM: ${s.dkim.length === 0 ? (s.headersRead ? 'no DKIM-Signature in the returned headers' : 'unknown') : s.dkim.map((d) => `d=${esc(d.domain)} s=${esc(d.selector)}`).join(', ')}`);
  lines.push('', p.bold("Checks against today's DNS"));
  for (const c of report.checks) {
    lines.push(`   ${c.cause}: ${p.bold(verdictText(c))}: ${esc(c.reason)}`);
    if (c.fix !== null) lines.push(`      fix: ${esc(c.fix)}`);
  }
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
