// The DKIM audit for a terminal: the `_domainkey` node, each key with its chain and state, the
// probes that found nothing, then the findings. All DNS text is escaped.
import type { Finding } from '../findings/types.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { paint } from '../report/color.js';
import { renderFindingsText } from '../report/text.js';
import { selectorSourcesText, type DkimAudit } from './audit-dkim.js';
import type { DkimKeyReport } from './types.js';

const RECORD_WIDTH = 100;

function clip(text: string): string {
  return text.length > RECORD_WIDTH ? `${text.slice(0, RECORD_WIDTH - 1)}…` : text;
}

function keyState(k: DkimKeyReport): string {
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

export function renderDkimText(audit: DkimAudit, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines: string[] = [];
  const sources = selectorSourcesText(audit);
  const how =
    audit.mode === 'discovery'
      ? `discovery over ${audit.selectors.length}${sources === null ? ' common' : ''} selectors`
      : `selector${audit.selectors.length === 1 ? '' : 's'} ${audit.selectors.map(esc).join(', ')}`;
  lines.push(p.bold(`DKIM ${esc(audit.domain)}`) + p.dim(` (${how})`));
  const node = audit.domainkey;
  const nodeState = node.exists === true ? 'exists (NOERROR)' : node.exists === false ? 'does not exist (NXDOMAIN)' : `unknown (${node.failure?.kind ?? 'failure'})`;
  lines.push(`  ${esc(node.name)}: ${nodeState}`);
  if (audit.keys.length === 0) lines.push('  no key record found');
  for (const k of audit.keys) {
    const tone = k.verdict === 'usable' ? p.green : k.verdict === 'unusable' ? p.red : p.yellow;
    lines.push(`  ${p.bold(esc(k.selector))}  ${esc(k.name)}  ${tone(esc(keyState(k)))}`);
    if (k.cnameChain.length > 0) lines.push(`      CNAME ${[k.cnameChain[0]?.name ?? k.name, ...k.cnameChain.map((l) => l.target)].map(esc).join(' → ')}`);
    if (k.outcome === 'nxdomain' || k.outcome === 'nodata') lines.push(`      ${k.outcome === 'nxdomain' ? 'NXDOMAIN' : 'no TXT record'}`);
    for (const r of k.records) lines.push(`      ${p.dim('|')} ${esc(clip(r.text))}`);
  }
  if (audit.probes !== null) {
    // the probes with a key report are shown above; the rest found nothing published
    const reported = new Set(audit.keys.map((k) => k.selector));
    const empty = audit.probes.filter((pr) => (pr.outcome === 'nxdomain' || pr.outcome === 'nodata') && !reported.has(pr.selector)).length;
    const wildcard = audit.probes.filter((pr) => pr.outcome === 'wildcard');
    if (sources === null) lines.push(p.dim(`  ${empty} of ${audit.probes.length} probed selectors have no record`));
    else lines.push(p.dim(`  checked ${audit.probes.length} selectors: ${esc(sources)}; ${empty} have no record`));
    if (wildcard.length > 0) lines.push(p.dim(`  ${wildcard.length} answered as a wildcard does: ${wildcard.map((o) => esc(o.selector)).join(', ')}`));
  }
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
