// The DKIM audit for a terminal: the `_domainkey` node, each key with its chain and state, the
// probes that found nothing, then the findings. All DNS text is escaped.
import type { Finding } from '../findings/types.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { paint } from '../report/color.js';
import { renderFindingsText } from '../report/text.js';
import { selectorSourcesText, type DkimAudit } from './audit-dkim.js';
import type { DkimKeyReport } from './types.js';

const RECORD_WIDTH = 100;

/** A key record cut to 100 characters (a key's p= runs to hundreds). */
export function clip(text: string): string {
  return text.length > RECORD_WIDTH ? `${text.slice(0, RECORD_WIDTH - 1)}…` : text;
}

/** A key's verdict in a few words: `usable rsa 2048 bits`, `unusable: revoked`. */
export function keyState(k: DkimKeyReport): string {
  const size = k.keyType === null ? '' : ` ${k.keyType}${k.bits === null ? '' : ` ${k.bits} bits`}`;
  switch (k.verdict) {
    case 'usable':
      return `usable${size}${k.testing ? ' (testing, t=y)' : ''}`;
    case 'uncertain':
      return `uncertain: ${k.records.length} records disagree`;
    case 'temperror':
      return `lookup failed: ${k.failure?.kind ?? 'failure'}`;
    case 'unusable':
      return `unusable: ${k.reason ?? 'unknown'}${k.bits === null ? '' : size}`;
  }
}

/** Under a key: the CNAME chain that led to it, or why there is no record. */
export function keyNotes(k: DkimKeyReport, dns: (text: string) => string): string[] {
  const notes: string[] = [];
  if (k.cnameChain.length > 0) notes.push(`CNAME ${[k.cnameChain[0]?.name ?? k.name, ...k.cnameChain.map((l) => l.target)].map(dns).join(' → ')}`);
  if (k.outcome === 'nxdomain' || k.outcome === 'nodata') notes.push(k.outcome === 'nxdomain' ? 'NXDOMAIN' : 'no TXT record');
  return notes;
}

/** How the selectors were chosen: `discovery over 42 common selectors`, `selectors a, b`. */
export function selectorsText(audit: DkimAudit, dns: (text: string) => string): string {
  const sources = selectorSourcesText(audit);
  return audit.mode === 'discovery'
    ? `discovery over ${audit.selectors.length}${sources === null ? ' common' : ''} selectors`
    : `selector${audit.selectors.length === 1 ? '' : 's'} ${audit.selectors.map(dns).join(', ')}`;
}

/** Whether the `_domainkey` node exists. */
export function domainkeyState(audit: DkimAudit): string {
  const node = audit.domainkey;
  return node.exists === true ? 'exists (NOERROR)' : node.exists === false ? 'does not exist (NXDOMAIN)' : `unknown (${node.failure?.kind ?? 'failure'})`;
}

/** What the probes of the selectors (common ones or those the zone files name) found beside the keys. */
export function probeLines(audit: DkimAudit, dns: (text: string) => string): string[] {
  if (audit.probes === null) return [];
  const sources = selectorSourcesText(audit);
  // the probes with a key report are shown above; the rest found nothing published
  const reported = new Set(audit.keys.map((k) => k.selector));
  const empty = audit.probes.filter((pr) => (pr.outcome === 'nxdomain' || pr.outcome === 'nodata') && !reported.has(pr.selector)).length;
  const wildcard = audit.probes.filter((pr) => pr.outcome === 'wildcard');
  const lines =
    sources === null
      ? [`${empty} of ${audit.probes.length} probed selectors have no record`]
      : [`checked ${audit.probes.length} selectors: ${sources}; ${empty} have no record`];
  if (wildcard.length > 0) lines.push(`${wildcard.length} answered as a wildcard does: ${wildcard.map((o) => dns(o.selector)).join(', ')}`);
  return lines;
}

export function renderDkimText(audit: DkimAudit, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines: string[] = [];
  const how = selectorsText(audit, esc);
  lines.push(p.bold(`DKIM ${esc(audit.domain)}`) + p.dim(` (${how})`));
  const node = audit.domainkey;
  lines.push(`  ${esc(node.name)}: ${domainkeyState(audit)}`);
  if (audit.keys.length === 0) lines.push('  no key record found');
  for (const k of audit.keys) {
    const tone = k.verdict === 'usable' ? p.green : k.verdict === 'unusable' ? p.red : p.yellow;
    lines.push(`  ${p.bold(esc(k.selector))}  ${esc(k.name)}  ${tone(esc(keyState(k)))}`);
    for (const line of keyNotes(k, esc)) lines.push(`      ${line}`);
    for (const r of k.records) lines.push(`      ${p.dim('|')} ${esc(clip(r.text))}`);
  }
  for (const line of probeLines(audit, esc)) lines.push(p.dim(`  ${line}`));
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
