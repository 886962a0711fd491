// The audit for a terminal: a verdict per domain first, then per domain the check summaries, the
// findings grouped by severity (each with its fix), the predicted replies and the SPF tree. Every
// piece of DNS-derived text is escaped.
import { dnssecLine } from '../dane/render-text.js';
import { whatToChange } from '../changes/what-to-change.js';
import { renderChangesText } from '../changes/render-text.js';
import type { Finding } from '../findings/types.js';
import { escapeForTerminal, escapeForTerminal as esc } from '../report/escape.js';
import { paint, type Paint } from '../report/color.js';
import { renderFindingsText, summaryLine } from '../report/text.js';
import { renderTreeText } from '../spf/render-text.js';
import { PROVIDER_NAMES, type Prediction } from '../predict/types.js';
import { isUnaudited, UNAUDITED_REASON, type AuditEntry, type DomainAudit, type UnauditedDomain } from './types.js';
import type { DkimSummary, DmarcSummary, MxSummary, PolicySummary, PtrSummary } from './summaries.js';
import { spfStateText } from './summaries.js';
import { MAX_OWN_HOST_ADDRESSES } from './own-hosts.js';
import { selectorSourcesText } from '../dkim/audit-dkim.js';
import { mtaStsSummary, smtpSummary, tlsRptSummary } from '../transport/render-text.js';
import { bimiSummary } from '../bimi/render-text.js';
import { VERDICT_LABEL, verdictOf, type AuditVerdict } from './verdict.js';

function tone(p: Paint, verdict: AuditVerdict): (text: string) => string {
  return verdict === 'fail' ? p.red : verdict === 'at-risk' ? p.yellow : p.green;
}

function policyText(label: string, policy: PolicySummary | null): string | null {
  if (policy === null) return null;
  const applied = policy.applied !== policy.published ? `, applied as ${policy.applied}` : '';
  return `${label} ${policy.published} (${policy.tag}${applied})`;
}

/** The check summaries below take `esc` for DNS text: escaped for a terminal, or code spans for Markdown. */
export function dmarcLine(d: DmarcSummary, esc: (text: string) => string = escapeForTerminal): string {
  if (d.record === null) return `none (${d.status})`;
  const where = d.inherited && d.recordDomain !== null ? ` from ${esc(`_dmarc.${d.recordDomain}`)}` : '';
  const policies = [policyText('domain', d.policy), policyText('subdomains', d.subdomainPolicy), policyText('non-existent', d.nonexistentPolicy)].filter((s) => s !== null);
  const reports = d.rua.length > 0 ? `rua ${d.rua.map(esc).join(', ')}` : 'no rua';
  return `${d.status}${where}: ${policies.join(', ') || 'no policy'}; ${reports}`;
}

/** `sources`: selectorSourcesText of the DKIM audit, when the zone files named selectors. */
export function dkimLine(d: DkimSummary, sources: string | null = null, esc: (text: string) => string = escapeForTerminal): string {
  if (d.keys.length === 0) {
    if (d.mode !== 'discovery') return 'no key';
    return sources === null ? `no key found at ${d.selectors.length} common selectors` : `no key found at ${d.selectors.length} selectors (${sources})`;
  }
  return d.keys
    .map((k) => {
      const key = k.keyType !== null ? `${k.keyType}${k.bits !== null ? ` ${k.bits}` : ''}` : 'no key';
      const via = k.cnameTarget !== null ? ` via ${esc(k.cnameTarget)}` : '';
      return `${esc(k.selector)} ${k.verdict} (${key}${k.reason !== null && k.reason !== 'no-key' ? `, ${k.reason}` : ''})${via}`;
    })
    .join('; ');
}

export function mxLine(m: MxSummary, esc: (text: string) => string = escapeForTerminal): string {
  if (m.kind !== 'mx') return m.kind;
  return m.hosts.map((h) => `${h.preference} ${esc(h.exchange)}${h.status !== 'ok' ? ` (${h.status})` : ''}`).join(', ');
}

/** Why an own host's address is checked: `relay.example.com by SPF a:relay.example.com`, `mx1.example.com MX 10`. */
function roleText(r: PtrSummary['roles'][number], esc: (text: string) => string): string {
  if (r.role === 'mx') return `${esc(r.host)} MX ${r.preference ?? '?'}`;
  const via = r.path !== null && r.path.length > 1 ? ` in ${esc(r.recordDomain)}` : '';
  return `${esc(r.host)} by SPF ${esc(r.term ?? '')}${via}`;
}

export function ptrLine(r: PtrSummary, esc: (text: string) => string = escapeForTerminal): string {
  const names = r.ptrNames.length > 0 ? ` -> ${r.ptrNames.map(esc).join(', ')}` : '';
  const roles = r.roles.length > 0 ? ` (${r.roles.map((role) => roleText(role, esc)).join('; ')})` : '';
  return `${esc(r.address)}${names}: ${r.result}${roles}`;
}

/** How many own-host addresses were left unchecked. */
export function ownHostsOmittedText(audit: DomainAudit): string {
  return `${audit.ownHostsOmitted} more address${audit.ownHostsOmitted === 1 ? '' : 'es'} of the domain's own hosts not checked (at most ${MAX_OWN_HOST_ADDRESSES})`;
}

/** The address, marked when it is a sample of the SPF's ranges (the profile gives none). */
const addressText = (pr: Prediction): string => (pr.address === null ? 'no address' : pr.evidence.sample !== null ? `${pr.address} (sample)` : pr.address);

export function predictionLine(pr: Prediction, p: Paint): string {
  const code = [pr.code, pr.enhanced].filter((c) => c !== null).join(' ');
  const verdictTone = pr.verdict === 'accepted' ? p.green : pr.verdict === 'rejection' ? p.red : p.yellow;
  const certainty = pr.certainty === 'risk' && pr.verdict !== 'accepted' ? ' (risk)' : '';
  // the fix is shown once, with the delivery finding the reply gives
  return `${PROVIDER_NAMES[pr.provider].padEnd(11)} ${esc(addressText(pr)).padEnd(16)} ${verdictTone(pr.verdict)}${certainty}${code !== '' ? ` ${code}` : ''}  ${p.dim(`profile ${esc(pr.stream)}`)}`;
}

export interface AuditTextOptions {
  /** Every SPF term on its own line (`--tree`). */
  fullTree?: boolean;
  /** `--quiet`: the verdict lines and each domain's What to change, nothing else. */
  quiet?: boolean;
}

/** `--quiet`: a domain's heading and What to change, when it has something to change. */
function renderDomainQuiet(audit: DomainAudit, findings: readonly Finding[], color: boolean): string | null {
  const p = paint(color);
  const changes = renderChangesText(whatToChange(audit.domain, findings, audit.spf.record), p);
  if (changes.length === 0) return null;
  const verdict = verdictOf(findings);
  return [p.bold(`${esc(audit.domain)}: ${tone(p, verdict)(VERDICT_LABEL[verdict])}`), '', ...changes].join('\n');
}

function renderDomain(audit: DomainAudit, findings: readonly Finding[], color: boolean, options: AuditTextOptions): string {
  const p = paint(color);
  const verdict = verdictOf(findings);
  const lines = [p.bold(`${esc(audit.domain)}: ${tone(p, verdict)(VERDICT_LABEL[verdict])}`), ''];
  const changes = renderChangesText(whatToChange(audit.domain, findings, audit.spf.record), p);
  if (changes.length > 0) lines.push(...changes, '');
  lines.push(`  SPF    ${spfStateText(audit.spf)}`);
  lines.push(`  DMARC  ${dmarcLine(audit.dmarc)}`);
  lines.push(`  DKIM   ${dkimLine(audit.dkim, selectorSourcesText(audit.reports.dkim))}`);
  lines.push(`  MX     ${mxLine(audit.mx)}`);
  lines.push(`  MTA-STS ${esc(mtaStsSummary(audit.transport.mtaSts))}`);
  lines.push(`  TLS-RPT ${esc(tlsRptSummary(audit.transport.tlsRpt))}`);
  lines.push(`  SMTP   ${esc(smtpSummary(audit.transport.smtp))}`);
  lines.push(`  BIMI   ${esc(bimiSummary(audit.bimi))}`);
  for (const r of audit.ptr) lines.push(`  PTR    ${ptrLine(r)}`);
  if (audit.ownHostsOmitted > 0) lines.push(`  PTR    ${ownHostsOmittedText(audit)}`);
  if (audit.dnssec !== null) lines.push(`  DNSSEC ${dnssecLine(audit.dnssec)}`);
  if (audit.predictions !== null && audit.predictions.length > 0) {
    lines.push('', p.bold('Predicted replies'));
    for (const pr of audit.predictions) lines.push(`  ${predictionLine(pr, p)}`);
  }
  lines.push('', renderFindingsText(findings, { color }).trimEnd(), '', renderTreeText(audit.spf, p, { full: options.fullTree === true }).trimEnd());
  return lines.join('\n');
}

/** A domain not audited (outside the offline zone files, or nonexistent): only the finding that says so. */
function renderUnaudited(audit: UnauditedDomain, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const verdict = verdictOf(findings);
  const lines = [p.bold(`${esc(audit.domain)}: ${tone(p, verdict)(VERDICT_LABEL[verdict])}`), ''];
  lines.push(`  not audited: ${UNAUDITED_REASON[audit.kind]}`);
  lines.push('', renderFindingsText(findings, { color }).trimEnd());
  return lines.join('\n');
}

/** The whole report. `shown` are the run's findings after --ignore. */
export function renderAuditText(audits: readonly AuditEntry[], shown: readonly Finding[], color: boolean, options: AuditTextOptions = {}): string {
  const p = paint(color);
  const perDomain = audits.map((a) => {
    const own = new Set(a.findings);
    return { audit: a, findings: shown.filter((f) => own.has(f)) };
  });
  const width = Math.max(...audits.map((a) => esc(a.domain).length), 6);
  const head = perDomain.map(({ audit, findings }) => {
    const verdict = verdictOf(findings);
    return `  ${tone(p, verdict)(VERDICT_LABEL[verdict].padEnd(7))}  ${esc(audit.domain).padEnd(width)}  ${summaryLine(findings)}`;
  });
  const verdicts = [p.bold('Verdict'), ...head].join('\n');
  if (options.quiet === true) {
    const quiet = perDomain.flatMap(({ audit, findings }) => (isUnaudited(audit) ? [] : [renderDomainQuiet(audit, findings, color)])).filter((s): s is string => s !== null);
    return `${[verdicts, ...quiet].join('\n\n')}\n`;
  }
  const sections = perDomain.map(({ audit, findings }) => (isUnaudited(audit) ? renderUnaudited(audit, findings, color) : renderDomain(audit, findings, color, options)));
  return `${verdicts}\n\n${sections.join('\n\n')}\n`;
}
