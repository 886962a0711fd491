// The Authentication-Results header field a receiver would add for this message (RFC 8601 §2.2):
// one resinfo per DKIM signature (with header.d, header.s, header.a and the first bytes of b=,
// RFC 6008 §3), SPF with smtp.mailfrom or smtp.helo, DMARC with header.from and the policy. A
// method that was not evaluated is left out rather than given a result that was not computed.
import type { MessageReport } from './check-message.js';

const quote = (s: string): string => (/^[A-Za-z0-9.@_+-]+$/.test(s) ? s : `"${s.replace(/[\\"]/g, (m) => `\\${m}`)}"`);

export function authenticationResults(report: Omit<MessageReport, 'authenticationResults'>, authservId: string): string {
  const parts: string[] = [];
  if (report.dkim.length === 0) parts.push('dkim=none');
  for (const d of report.dkim) {
    const s = d.signature;
    const props = [
      d.reason === null ? null : `reason=${quote(d.reason)}`,
      s.domain === null ? null : `header.d=${s.domain}`,
      s.identity === null ? null : `header.i=${quote(s.identity)}`,
      s.selector === null ? null : `header.s=${quote(s.selector)}`,
      s.algorithmText === null ? null : `header.a=${s.algorithmText}`,
      s.signatureText === null ? null : `header.b=${quote(s.signatureText.slice(0, 8))}`,
    ].filter((p): p is string => p !== null);
    parts.push([`dkim=${d.result}`, ...props].join(' '));
  }
  const spf = report.spf;
  if (spf.result !== null) {
    const ptype = spf.identity === 'helo' ? `smtp.helo=${quote(spf.domain ?? '')}` : `smtp.mailfrom=${quote(report.connection.mailFrom?.value ?? spf.domain ?? '')}`;
    parts.push(`spf=${spf.result} (${spf.ip ?? ''}) ${ptype}`);
  }
  const dmarc = report.dmarc;
  if (dmarc.result !== null && dmarc.domain !== null) {
    parts.push(`dmarc=${dmarc.result}${dmarc.policy === null ? '' : ` (p=${dmarc.policy})`} header.from=${dmarc.domain}`);
  }
  // RFC 8617 §7.2: arc=<result>, with the newest instance that was read
  const arc = report.arc;
  parts.push(`arc=${arc.result}${arc.instances === 0 ? '' : ` (i=${arc.instances})`}`);
  return `Authentication-Results: ${authservId};\n ${parts.join(';\n ')}`;
}
