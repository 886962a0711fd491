// The `predict` command's text report: per stream its evidence, then per sending address the SPF and
// FCrDNS evidence and each provider's predicted reply with the why, the fix and the open points.
// Every piece of DNS-derived text goes through escapeForTerminal. The pieces take a Style
// (src/report/style.ts), so render-markdown.ts shows the same report with code spans.
import type { Finding } from '../findings/types.js';
import { paint, type Paint } from '../report/color.js';
import { summaryLine } from '../report/text.js';
import { textStyle, type Style } from '../report/style.js';
import { formatFix } from './fixes.js';
import { ALL_PROVIDERS, PROVIDER_NAMES, type AddressEvidence, type DkimEvidence, type DmarcReading, type DomainEvidence, type Prediction, type Reply, type StreamEvidence } from './types.js';

export const VERDICT_WORD: Record<Reply['verdict'], string> = {
  accepted: 'accepted',
  'spam-folder-risk': 'spam folder',
  'temporary-failure': 'deferred',
  rejection: 'rejected',
};

function tone(p: Paint, r: Reply): (t: string) => string {
  if (r.verdict === 'accepted') return p.green;
  if (r.verdict === 'rejection' && r.certainty === 'certain') return p.red;
  return p.yellow;
}

function orgText(d: DomainEvidence | { orgDomains: DomainEvidence['orgDomains'] }, esc: (text: string) => string): string {
  const o = d.orgDomains;
  return o.psl === o.treeWalk ? `organizational domain ${esc(o.treeWalk)}` : `organizational domain ${o.psl === null ? '(a public suffix)' : esc(o.psl)} by the PSL, ${esc(o.treeWalk)}${o.treeWalkComplete ? '' : ' (walk incomplete)'} by the tree walk`;
}

/** A domain of the stream (From, MAIL FROM): whether it exists, its MX, its organizational domain. */
export function domainLine(role: string, d: DomainEvidence, s: Style): string {
  const esc = s.dns;
  const mx = d.nullMx === true ? 'null MX (RFC 7505)' : d.nullMx === null ? 'MX unknown (lookup failed)' : d.mx.length > 0 ? `MX ${d.mx.map(esc).join(', ')}` : 'no MX';
  const presence = d.presence === 'exists' ? 'exists' : d.presence === 'nxdomain' ? 'does not exist (NXDOMAIN)' : 'SOA lookup failed';
  return `${role} ${esc(d.domain)}: ${presence}; ${mx}; ${orgText(d, esc)}`;
}

/** What a receiver reads of the From domain's DMARC record. */
export function readingText(r: DmarcReading, s: Style): string {
  if (r.status === 'dns-failure') return `DNS failure (${s.dns(r.failure ?? '?')})`;
  if (r.record === null) return r.status === 'multiple' ? 'several records: no policy' : 'no record';
  const policy = r.policy === null ? 'no usable policy' : s.prose(r.policy.description);
  return `${s.quoted(r.record)} — ${policy}; adkim=${r.adkim} aspf=${r.aspf}`;
}

/** A declared DKIM signature: what DNS says of its key, and whether it aligns with From. */
export function dkimLine(d: DkimEvidence, aligned: { rfc7489: boolean | null; rfc9989: boolean | null } | undefined, s: Style): string {
  const a = aligned === undefined ? '' : aligned.rfc7489 === aligned.rfc9989 ? `; aligned: ${aligned.rfc7489 === null ? 'unknown' : aligned.rfc7489 ? 'yes' : 'no'}` : `; aligned: ${aligned.rfc7489 ? 'yes' : 'no'} (PSL), ${aligned.rfc9989 ? 'yes' : 'no'} (tree walk)`;
  return `DKIM d=${s.dns(d.domain)} s=${s.dns(d.selector)}: ${d.state}${a} — ${s.prose(d.detail)}`;
}

export const NO_DKIM = 'DKIM: no signature declared';
export const DKIM_CAVEAT = '(DNS can prove a DKIM failure, never a pass)';

/** Where a reply's text, why, fixes and notes start, under the provider name or "also". */
const DETAIL_COLUMN = 14;

/** A reply's parts under its heading: the provider's text, why, the fixes (`or` opens an alternative), notes. */
export interface ReplyDetail {
  kind: 'text' | 'why' | 'fix' | 'or' | 'note';
  text: string;
}

/** A predicted reply: its heading (verdict, codes, rule) and its details, DNS-derived text through `s`. */
export function replyParts(r: Reply, s: Style): { head: string; details: ReplyDetail[] } {
  const { p } = s;
  const code = [r.code, r.enhanced].filter((c) => c !== null).join(' ');
  const head = `${tone(p, r)(VERDICT_WORD[r.verdict])}${code !== '' ? ` ${p.bold(code)}` : ''}${r.certainty === 'risk' ? p.yellow(' (risk)') : ''}  ${p.dim(s.dns(r.rule))}`;
  const details: ReplyDetail[] = [];
  if (r.text !== null) details.push({ kind: 'text', text: s.quoted(r.text) });
  if (r.verdict !== 'accepted') details.push({ kind: 'why', text: s.prose(r.why) });
  // alternatives: the first change of each further group is marked "or"; changes within a group are all needed
  r.fixGroups.forEach((group, g) => group.forEach((f, i) => details.push({ kind: g > 0 && i === 0 ? 'or' : 'fix', text: s.prose(formatFix(f)) })));
  for (const n of r.notes) details.push({ kind: 'note', text: s.prose(n) });
  return { head, details };
}

function replyLines(r: Reply, p: Paint, indent: string, head: string): string[] {
  const parts = replyParts(r, textStyle(p));
  const lines = [`${indent}${head}${parts.head}`];
  const pad = `${indent}${' '.repeat(DETAIL_COLUMN)}`;
  const label: Record<ReplyDetail['kind'], string> = { text: '', why: `${p.dim('why')}  `, fix: `${p.green('fix')}  `, or: `${p.green(' or')}  `, note: `${p.dim('note')} ` };
  for (const d of parts.details) lines.push(`${pad}${label[d.kind]}${d.text}`);
  return lines;
}

/** `20000/day to each provider`, or per provider. */
function volumeText(st: StreamEvidence): string {
  const v = st.volume;
  return v.gmail === v.outlook && v.outlook === v.yahoo ? (v.gmail === null ? 'volume not given' : `${v.gmail}/day to each provider`) : `Gmail ${v.gmail ?? '?'}/day, Outlook.com ${v.outlook ?? '?'}/day, Yahoo ${v.yahoo ?? '?'}/day`;
}

/** A stream's heading and what holds for all its addresses: its domains, DMARC as each kind of receiver reads it. */
export function streamParts(st: StreamEvidence, s: Style): { heading: string; lines: string[] } {
  const esc = s.dns;
  const mailFrom = st.mailFrom === null ? `${esc('<>')} (null sender)` : esc(st.mailFromAddress);
  const heading = `Stream ${esc(st.stream)}: From ${esc(st.fromAddress)}, MAIL FROM ${mailFrom}, HELO ${st.helo === null ? '(not given)' : esc(st.helo)}, ${volumeText(st)}`;
  const lines = [domainLine('From', st.from, s)];
  if (st.mailFrom !== null && st.mailFrom.domain !== st.from.domain) lines.push(domainLine('MAIL FROM', st.mailFrom, s));
  const d = st.dmarc;
  const same = readingText(d.rfc7489, s) === readingText(d.rfc9989, s);
  if (same) lines.push(`DMARC: ${readingText(d.rfc7489, s)}`);
  else {
    lines.push(`DMARC (RFC 7489): ${readingText(d.rfc7489, s)}`);
    lines.push(`DMARC (RFC 9989): ${readingText(d.rfc9989, s)}`);
  }
  for (const diff of d.differences) lines.push(`${s.p.yellow('differs')} ${s.prose(diff)}`);
  return { heading, lines };
}

function streamHeader(st: StreamEvidence, p: Paint): string[] {
  const { heading, lines } = streamParts(st, textStyle(p));
  return [p.bold(heading), ...lines.map((l) => `  ${l}`)];
}

/** An address's SPF result (with what decided it and alignment) and its FCrDNS result. */
export function addressLines(a: AddressEvidence, chain: Prediction['evidence'] | undefined, s: Style): string[] {
  const esc = s.dns;
  const spf = a.spf;
  const by = spf.deciding !== null ? ` by ${s.quoted(spf.deciding.term, "'")}${spf.deciding.domain !== spf.domain ? ` in ${esc(spf.deciding.domain)}` : ''}` : '';
  const problem = spf.problem !== null ? ` — ${s.prose(spf.problem.message)} (${spf.problem.rule})` : '';
  const aligned = chain === undefined ? '' : chain.alignment.spf.rfc7489 === chain.alignment.spf.rfc9989 ? `; aligned with From: ${chain.alignment.spf.rfc7489 === null ? 'unknown' : chain.alignment.spf.rfc7489 ? 'yes' : 'no'}` : '; aligned with From: differs between PSL and tree walk';
  const result = spf.result ?? 'unknown';
  const any = spf.result === null ? ' (it depends on the address)' : a.address === null ? ' with any address' : '';
  return [
    `SPF ${result} for ${spf.identity === 'helo' ? 'HELO ' : ''}${esc(spf.domain)}${any}${by}, ${spf.lookups} lookup${spf.lookups === 1 ? '' : 's'}${spf.voidLookups > 0 ? `, ${spf.voidLookups} void` : ''}${aligned}${problem}`,
    a.fcrdns === null
      ? 'FCrDNS not checked: no address'
      : `FCrDNS ${a.fcrdns.result}: ${s.prose(a.fcrdns.detail)}${a.sample !== null ? ` (set by whoever holds ${esc(a.sample.block)}, not by the sender)` : ''}`,
  ];
}

/** How a stream that gives no address got its addresses (samples of its SPF's ranges, or none). */
export function samplesNote(st: StreamEvidence, s: Style): string | null {
  return st.samples === null ? null : `${s.p.yellow('Addresses:')} ${s.prose(st.samples.note)}`;
}

/** The closing count: `9 predictions: 6 accepted, 3 rejected, 0 deferred, 0 spam folder`. */
export function predictionTotals(predictions: readonly Prediction[]): string {
  const counts = predictions.reduce(
    (c, x) => {
      c[x.verdict]++;
      return c;
    },
    { accepted: 0, 'spam-folder-risk': 0, 'temporary-failure': 0, rejection: 0 } as Record<Reply['verdict'], number>,
  );
  return `${predictions.length} prediction${predictions.length === 1 ? '' : 's'}: ${counts.accepted} accepted, ${counts.rejection} rejected, ${counts['temporary-failure']} deferred, ${counts['spam-folder-risk']} spam folder`;
}

/** `192.0.2.1 (IPv4)`; a sample names its block and the term listing it; no address says so. `mark` sets the address off. */
export function addressHeader(a: AddressEvidence, s: Style, mark: (text: string) => string = s.p.bold): string {
  if (a.address === null) return mark('no sending address');
  const sample = a.sample !== null ? `, sample of ${s.dns(a.sample.block)}: ${s.quoted(a.sample.term, "'")} in ${s.dns(a.sample.domain)}` : '';
  return `${mark(s.dns(a.address))} (IPv${a.family ?? '?'}${sample})`;
}

/** The report for people. `predictions` in the order predictStreams gives them. */
export function renderPredictText(streams: readonly StreamEvidence[], predictions: readonly Prediction[], findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const style = textStyle(p);
  const blocks: string[] = [];
  for (const s of streams) {
    const lines = streamHeader(s, p);
    const mine = predictions.filter((x) => x.stream === s.stream);
    const firstChain = mine[0]?.evidence;
    if (s.dkim.length === 0) lines.push(`  ${NO_DKIM}`);
    s.dkim.forEach((d, i) => lines.push(`  ${dkimLine(d, firstChain?.dkim[i]?.aligned, style)}`));
    lines.push(`  ${p.dim(DKIM_CAVEAT)}`);
    const note = samplesNote(s, style);
    if (note !== null) lines.push(`  ${note}`);
    for (const a of s.addresses) {
      const forAddress = mine.filter((x) => x.address === a.address);
      lines.push('');
      lines.push(`  ${addressHeader(a, style)}`);
      lines.push(...addressLines(a, forAddress[0]?.evidence, style).map((l) => `    ${l}`));
      for (const provider of ALL_PROVIDERS) {
        const pred = forAddress.find((x) => x.provider === provider);
        if (pred === undefined) continue;
        const head = `${PROVIDER_NAMES[provider].padEnd(12)}`;
        lines.push(...replyLines(pred, p, '    ', head));
        for (const other of pred.also) lines.push(...replyLines(other, p, '    ', `${''.padEnd(7)}also `));
      }
    }
    blocks.push(lines.join('\n'));
  }
  // no stream at all (each left out, e.g. offline outside the zone files): just the totals
  return `${blocks.map((b) => `${b}\n\n`).join('')}${predictionTotals(predictions)}\n${summaryLine(findings)}\n`;
}
