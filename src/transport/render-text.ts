// MTA-STS, TLS-RPT and STARTTLS for a terminal: what was found, line by line, network text escaped.
import type { SmtpProbeResult } from '../smtp/starttls-probe.js';
import { paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import type { MtaStsReport } from './check-mta-sts.js';
import type { TlsRptReport } from './check-tls-rpt.js';

export function mtaStsLines(r: MtaStsReport, color: boolean): string[] {
  const p = paint(color);
  const lines = [p.bold(`MTA-STS ${esc(r.domain)}`)];
  lines.push(`  TXT _mta-sts.${esc(r.domain)}: ${r.record === null ? (r.txt.outcome === 'failure' ? `lookup failed (${esc(r.txt.failure ?? '')})` : 'none') : `"${esc(r.record.text)}"`}`);
  const f = r.fetch;
  const fetchText =
    f.status === 'fetched' ? `fetched (${f.httpStatus ?? ''} ${esc(f.contentType ?? '')})` : f.status === 'not-fetched' ? `not fetched: ${esc(f.detail ?? '')}` : `failed at ${f.step ?? '?'}: ${esc(f.detail ?? '')}`;
  lines.push(`  policy ${esc(f.url)}: ${fetchText}`);
  if (r.policy !== null) {
    lines.push(`    mode ${esc(r.policy.mode ?? '?')}, max_age ${r.policy.maxAge ?? '?'}, mx ${r.policy.mx.map((m) => esc(m.pattern)).join(', ') || 'none'}`);
    for (const c of r.mxCoverage) lines.push(`    MX ${esc(c.host)}: ${c.pattern === null ? p.red('matched by no pattern') : `matched by ${esc(c.pattern)}`}`);
  }
  return lines;
}

export function tlsRptLines(r: TlsRptReport, color: boolean): string[] {
  const p = paint(color);
  const lines = [p.bold(`TLS-RPT ${esc(r.domain)}`)];
  lines.push(`  TXT _smtp._tls.${esc(r.domain)}: ${r.record === null ? (r.txt.outcome === 'failure' ? `lookup failed (${esc(r.txt.failure ?? '')})` : 'none') : `"${esc(r.record.text)}"`}`);
  if (r.record !== null && r.record.rua.length > 0) lines.push(`    reports to ${r.record.rua.map((u) => esc(u.uri)).join(', ')}`);
  return lines;
}

/** The STARTTLS probe's lines; without --smtp, one line saying it was off. */
export function smtpLines(probes: readonly SmtpProbeResult[] | null, color: boolean): string[] {
  const p = paint(color);
  if (probes === null) return [`${p.bold('STARTTLS')}  not probed: off by default, since port 25 is blocked on many networks (--smtp probes the MX hosts)`];
  const lines = [p.bold('STARTTLS')];
  if (probes.length === 0) lines.push('  no MX address to probe');
  for (const x of probes) {
    const where = `${esc(x.host)} [${esc(x.address)}]:${x.port}`;
    if (x.starttls === false) lines.push(`  ${where}: ${p.red('no STARTTLS')}`);
    else if (x.certificate !== null) {
      const c = x.certificate;
      lines.push(`  ${where}: ${esc(x.tlsVersion ?? '?')} ${esc(x.cipher ?? '?')}; certificate ${c.valid ? 'valid' : p.red(`not valid (${esc(c.validationError ?? '')})`)}, ${c.nameMatch ? 'names the host' : p.red('does not name the host')}, until ${esc(c.notAfter ?? '?')}`);
    } else lines.push(`  ${where}: ${p.red(`stopped at ${x.failure?.step ?? '?'}: ${esc(x.failure?.detail ?? '')}`)}`);
  }
  return lines;
}

/** MTA-STS in a few words, for the audit's summary lines. */
export function mtaStsSummary(r: MtaStsReport): string {
  const f = r.fetch;
  if (r.record === null && r.policy === null) return r.txt.outcome === 'failure' ? 'TXT lookup failed' : 'not published';
  const txt = r.record === null ? 'no TXT record' : r.record.problems.length > 0 ? 'invalid TXT record' : `id ${r.record.id ?? '?'}`;
  if (f.status === 'not-fetched') return `${txt}; policy not fetched (${f.detail ?? 'fetches off'})`;
  if (r.policy === null) return `${txt}; policy ${f.step === 'status' ? `answered HTTP ${f.httpStatus ?? '?'}` : `failed at ${f.step ?? '?'}`}`;
  const covered = r.mxCoverage.filter((c) => c.pattern !== null).length;
  const coverage = r.mxHosts.length === 0 ? 'no MX hosts' : `covers ${covered} of ${r.mxHosts.length} MX host${r.mxHosts.length === 1 ? '' : 's'}`;
  return `${txt}; mode ${r.policy.mode ?? '?'}, max_age ${r.policy.maxAge ?? '?'}, ${coverage}${r.policy.problems.length > 0 ? ', invalid policy' : ''}`;
}

/** TLS-RPT in a few words. */
export function tlsRptSummary(r: TlsRptReport): string {
  if (r.record === null) return r.txt.outcome === 'failure' ? 'TXT lookup failed' : 'not published';
  return `${r.record.problems.length > 0 ? 'invalid record; ' : ''}reports to ${r.record.rua.map((u) => u.uri).join(', ') || 'nowhere'}`;
}

/** The STARTTLS probe in a few words. */
export function smtpSummary(probes: readonly SmtpProbeResult[] | null): string {
  if (probes === null) return 'not probed (--smtp probes port 25 of the MX hosts)';
  if (probes.length === 0) return 'no MX address to probe';
  const good = probes.filter((p) => p.starttls === true && p.certificate?.valid === true && p.certificate.nameMatch).length;
  return `${good} of ${probes.length} MX address${probes.length === 1 ? '' : 'es'} with STARTTLS and a valid certificate for the host`;
}
