// A BIMI report for a terminal: the record and where it was found, DMARC enforcement, the indicator
// and the mark certificate, which providers would show the logo; then findings. Everything that came
// from DNS or HTTPS goes through the terminal escape.
import type { Finding } from '../findings/types.js';
import { paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { renderFindingsText } from '../report/text.js';
import type { BimiReport } from './check-bimi.js';

const SHOWS: Record<'true' | 'false' | 'null', string> = { true: 'shows the logo', false: 'no logo', null: 'cannot tell' };

/** The report's lines, without styling (DNS and HTTPS text through `text`); shared with Markdown. */
export function bimiSummaryLines(r: BimiReport, text: (s: string) => string): string[] {
  const lines: string[] = [];
  lines.push(`result: ${r.result === null ? 'not known until the indicator is fetched' : `bimi=${r.result}`}${r.recordDomain !== null && r.recordDomain !== r.domain ? ` (record of the organizational domain ${text(r.recordDomain)})` : ''}`);
  if (r.record !== null) lines.push(`record: ${text(r.record.text)}`);
  if (r.status === 'multiple') for (const t of r.records) lines.push(`record: ${text(t)}`);
  if (r.dnsFailure !== null) lines.push(`lookup failed: ${text(r.dnsFailure)}`);
  if (r.record !== null && !r.record.declined) {
    lines.push(`DMARC at enforcement: ${r.dmarc.met ? 'yes' : 'no'}${r.dmarc.record !== null ? ` (_dmarc.${text(r.dmarc.recordDomain ?? '')}: ${text(r.dmarc.record)})` : ''}`);
  }
  if (r.logo !== null) {
    const c = r.logo.check;
    const state = c !== null ? `${c.valid ? 'valid SVG Tiny PS' : 'not valid SVG Tiny PS'}, ${c.size} bytes${c.compressed ? ' (SVGZ)' : ''}${c.title !== null ? `, title "${text(c.title)}"` : ''}` : r.logo.fetchProblem !== null ? `not fetched: ${text(r.logo.fetchProblem.detail)}` : `not fetched: ${text(r.fetchOff ?? '')}`;
    lines.push(`indicator: ${text(r.logo.url)}  ${state}`);
  }
  if (r.certificate !== null) {
    const c = r.certificate.check;
    const state =
      c !== null
        ? `${c.kind ?? 'mark certificate'} ${c.valid ? 'valid' : 'not valid'}${c.markType !== null ? ` (${text(c.markType)})` : ''}, until ${c.notAfter?.slice(0, 10) ?? '?'}, logo ${c.logoMatches === null ? 'not compared' : c.logoMatches ? 'matches' : 'differs'}${c.chainChecked ? '' : ', chain not checked'}`
        : r.certificate.fetchProblem !== null
          ? `not fetched: ${text(r.certificate.fetchProblem.detail)}`
          : `not fetched: ${text(r.fetchOff ?? '')}`;
    lines.push(`certificate: ${text(r.certificate.url)}  ${state}`);
  }
  return lines;
}

/** One line for the audit (raw DNS and HTTPS text: the caller escapes it). */
export function bimiSummary(r: BimiReport): string {
  switch (r.status) {
    case 'none':
      return 'not published';
    case 'declined':
      return `declined (${r.queryName})`;
    case 'dns-failure':
      return `lookup failed (${r.dnsFailure ?? ''})`;
    case 'multiple':
      return `${r.records.length} records at ${r.queryName}: none is used`;
    case 'invalid':
      return `record refused by receivers (${r.record?.problems.length ?? 0} problem${r.record?.problems.length === 1 ? '' : 's'})`;
    case 'published': {
      const parts = [r.dmarc.met ? 'DMARC at enforcement' : 'DMARC not at enforcement'];
      if (r.logo === null) parts.push('no logo');
      else if (r.logo.check !== null) parts.push(r.logo.check.valid ? 'logo valid' : 'logo not valid');
      else if (r.logo.fetchProblem !== null) parts.push('logo not fetched');
      if (r.certificate === null) parts.push('no mark certificate');
      else if (r.certificate.check !== null) parts.push(`${r.certificate.check.kind ?? 'mark certificate'} ${r.certificate.check.valid ? 'valid' : 'not valid'}`);
      else if (r.certificate.fetchProblem !== null) parts.push('certificate not fetched');
      if (!r.fetched) parts.push('not fetched (offline)');
      return `${parts.join(', ')}${r.result === null ? '' : `: bimi=${r.result}`}`;
    }
  }
}

export function providerLines(r: BimiReport): { provider: string; shows: string; reason: string }[] {
  return r.providers.map((p) => ({ provider: p.provider, shows: SHOWS[String(p.shows) as 'true' | 'false' | 'null'], reason: p.reason }));
}

export function renderBimiText(r: BimiReport, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines = [`${p.bold(`BIMI ${esc(r.domain)}`)}  ${esc(r.queryName)}`];
  for (const l of bimiSummaryLines(r, esc)) lines.push(`  ${l}`);
  if (r.status === 'published') {
    lines.push('  providers:');
    for (const l of providerLines(r)) lines.push(`    ${l.provider.padEnd(8)} ${l.shows.padEnd(14)} ${l.reason}`);
  } else lines.push('  providers: no logo anywhere (no usable BIMI record)');
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
