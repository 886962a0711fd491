// The `predict` command's text report: per stream its evidence, then per sending address the SPF and
// FCrDNS evidence and each provider's predicted reply with the why, the fix and the open points.
// Every piece of DNS-derived text goes through escapeForTerminal.
import type { Finding } from '../findings/types.js';
import { paint, type Paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { summaryLine } from '../report/text.js';
import { formatFix } from './fixes.js';
import { PROVIDER_NAMES, PROVIDERS, type AddressEvidence, type DkimEvidence, type DmarcReading, type DomainEvidence, type Prediction, type Reply, type StreamEvidence } from './types.js';

const VERDICT_WORD: Record<Reply['verdict'], string> = {
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

function orgText(d: DomainEvidence | { orgDomains: DomainEvidence['orgDomains'] }): string {
  const o = d.orgDomains;
  const walk = `${o.treeWalk}${o.treeWalkComplete ? '' : ' (walk incomplete)'}`;
  return o.psl === o.treeWalk ? `organizational domain ${esc(o.treeWalk)}` : `organizational domain ${esc(o.psl ?? '(a public suffix)')} by the PSL, ${esc(walk)} by the tree walk`;
}

function domainLine(role: string, d: DomainEvidence): string {
  const mx = d.nullMx === true ? 'null MX (RFC 7505)' : d.nullMx === null ? 'MX unknown (lookup failed)' : d.mx.length > 0 ? `MX ${d.mx.map(esc).join(', ')}` : 'no MX';
  const presence = d.presence === 'exists' ? 'exists' : d.presence === 'nxdomain' ? 'does not exist (NXDOMAIN)' : 'SOA lookup failed';
  return `${role} ${esc(d.domain)}: ${presence}; ${mx}; ${orgText(d)}`;
}

function readingText(r: DmarcReading): string {
  if (r.status === 'dns-failure') return `DNS failure (${esc(r.failure ?? '?')})`;
  if (r.record === null) return r.status === 'multiple' ? 'several records: no policy' : 'no record';
  const policy = r.policy === null ? 'no usable policy' : esc(r.policy.description);
  return `"${esc(r.record)}" — ${policy}; adkim=${r.adkim} aspf=${r.aspf}`;
}

function dkimLine(d: DkimEvidence, aligned: { rfc7489: boolean | null; rfc9989: boolean | null } | undefined): string {
  const a = aligned === undefined ? '' : aligned.rfc7489 === aligned.rfc9989 ? `; aligned: ${aligned.rfc7489 === null ? 'unknown' : aligned.rfc7489 ? 'yes' : 'no'}` : `; aligned: ${aligned.rfc7489 ? 'yes' : 'no'} (PSL), ${aligned.rfc9989 ? 'yes' : 'no'} (tree walk)`;
  return `DKIM d=${esc(d.domain)} s=${esc(d.selector)}: ${d.state}${a} — ${esc(d.detail)}`;
}

/** Where a reply's text, why, fixes and notes start, under the provider name or "also". */
const DETAIL_COLUMN = 14;

function replyLines(r: Reply, p: Paint, indent: string, head: string): string[] {
  const code = [r.code, r.enhanced].filter((c) => c !== null).join(' ');
  const lines = [`${indent}${head}${tone(p, r)(VERDICT_WORD[r.verdict])}${code !== '' ? ` ${p.bold(code)}` : ''}${r.certainty === 'risk' ? p.yellow(' (risk)') : ''}  ${p.dim(r.rule)}`];
  const pad = `${indent}${' '.repeat(DETAIL_COLUMN)}`;
  if (r.text !== null) lines.push(`${pad}"${esc(r.text)}"`);
  if (r.verdict !== 'accepted') lines.push(`${pad}${p.dim('why')}  ${esc(r.why)}`);
  // alternatives: the first change of each further group is marked "or"; changes within a group are all needed
  r.fixGroups.forEach((group, g) => group.forEach((f, i) => lines.push(`${pad}${g > 0 && i === 0 ? p.green(' or') : p.green('fix')}  ${esc(formatFix(f))}`)));
  for (const n of r.notes) lines.push(`${pad}${p.dim('note')} ${esc(n)}`);
  return lines;
}

function streamHeader(s: StreamEvidence, p: Paint): string[] {
  const mailFrom = s.mailFrom === null ? '<> (null sender)' : esc(s.mailFromAddress);
  const v = s.volume;
  const volume = v.gmail === v.outlook && v.outlook === v.yahoo ? (v.gmail === null ? 'volume not given' : `${v.gmail}/day to each provider`) : `Gmail ${v.gmail ?? '?'}/day, Outlook.com ${v.outlook ?? '?'}/day, Yahoo ${v.yahoo ?? '?'}/day`;
  const lines = [p.bold(`Stream ${esc(s.stream)}: From ${esc(s.fromAddress)}, MAIL FROM ${mailFrom}, HELO ${esc(s.helo ?? '(not given)')}, ${volume}`)];
  lines.push(`  ${domainLine('From', s.from)}`);
  if (s.mailFrom !== null && s.mailFrom.domain !== s.from.domain) lines.push(`  ${domainLine('MAIL FROM', s.mailFrom)}`);
  const d = s.dmarc;
  const same = readingText(d.rfc7489) === readingText(d.rfc9989);
  if (same) lines.push(`  DMARC: ${readingText(d.rfc7489)}`);
  else {
    lines.push(`  DMARC (RFC 7489): ${readingText(d.rfc7489)}`);
    lines.push(`  DMARC (RFC 9989): ${readingText(d.rfc9989)}`);
  }
  for (const diff of d.differences) lines.push(`  ${p.yellow('differs')} ${esc(diff)}`);
  return lines;
}

/** `192.0.2.1 (IPv4)`; a sample names its block and the term listing it; no address says so. */
function addressHeader(a: AddressEvidence, p: Paint): string {
  if (a.address === null) return p.bold('no sending address');
  const sample = a.sample !== null ? `, sample of ${esc(a.sample.block)}: '${esc(a.sample.term)}' in ${esc(a.sample.domain)}` : '';
  return `${p.bold(esc(a.address))} (IPv${a.family ?? '?'}${sample})`;
}

/** The report for people. `predictions` in the order predictStreams gives them. */
export function renderPredictText(streams: readonly StreamEvidence[], predictions: readonly Prediction[], findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const blocks: string[] = [];
  for (const s of streams) {
    const lines = streamHeader(s, p);
    const mine = predictions.filter((x) => x.stream === s.stream);
    const firstChain = mine[0]?.evidence;
    if (s.dkim.length === 0) lines.push('  DKIM: no signature declared');
    s.dkim.forEach((d, i) => lines.push(`  ${dkimLine(d, firstChain?.dkim[i]?.aligned)}`));
    lines.push(`  ${p.dim('(DNS can prove a DKIM failure, never a pass)')}`);
    if (s.samples !== null) lines.push(`  ${p.yellow('Addresses:')} ${esc(s.samples.note)}`);
    for (const a of s.addresses) {
      const forAddress = mine.filter((x) => x.address === a.address);
      const chain = forAddress[0]?.evidence;
      const spf = a.spf;
      const by = spf.deciding !== null ? ` by '${esc(spf.deciding.term)}'${spf.deciding.domain !== spf.domain ? ` in ${esc(spf.deciding.domain)}` : ''}` : '';
      const problem = spf.problem !== null ? ` — ${esc(spf.problem.message)} (${spf.problem.rule})` : '';
      const aligned = chain === undefined ? '' : chain.alignment.spf.rfc7489 === chain.alignment.spf.rfc9989 ? `; aligned with From: ${chain.alignment.spf.rfc7489 === null ? 'unknown' : chain.alignment.spf.rfc7489 ? 'yes' : 'no'}` : '; aligned with From: differs between PSL and tree walk';
      const result = spf.result ?? 'unknown';
      const any = spf.result === null ? ' (it depends on the address)' : a.address === null ? ' with any address' : '';
      lines.push('');
      lines.push(`  ${addressHeader(a, p)}`);
      lines.push(`    SPF ${result} for ${spf.identity === 'helo' ? 'HELO ' : ''}${esc(spf.domain)}${any}${by}, ${spf.lookups} lookup${spf.lookups === 1 ? '' : 's'}${spf.voidLookups > 0 ? `, ${spf.voidLookups} void` : ''}${aligned}${problem}`);
      if (a.fcrdns === null) lines.push('    FCrDNS not checked: no address');
      else lines.push(`    FCrDNS ${a.fcrdns.result}: ${esc(a.fcrdns.detail)}${a.sample !== null ? ` (set by whoever holds ${esc(a.sample.block)}, not by the sender)` : ''}`);
      for (const provider of PROVIDERS) {
        const pred = forAddress.find((x) => x.provider === provider);
        if (pred === undefined) continue;
        const head = `${PROVIDER_NAMES[provider].padEnd(12)}`;
        lines.push(...replyLines(pred, p, '    ', head));
        for (const other of pred.also) lines.push(...replyLines(other, p, '    ', `${''.padEnd(7)}also `));
      }
    }
    blocks.push(lines.join('\n'));
  }
  const counts = predictions.reduce(
    (c, x) => {
      c[x.verdict]++;
      return c;
    },
    { accepted: 0, 'spam-folder-risk': 0, 'temporary-failure': 0, rejection: 0 } as Record<Reply['verdict'], number>,
  );
  const total = `${predictions.length} prediction${predictions.length === 1 ? '' : 's'}: ${counts.accepted} accepted, ${counts.rejection} rejected, ${counts['temporary-failure']} deferred, ${counts['spam-folder-risk']} spam folder`;
  // no stream at all (each left out, e.g. offline outside the zone files): just the totals
  return `${blocks.map((b) => `${b}\n\n`).join('')}${total}\n${summaryLine(findings)}\n`;
}
