// A message report for a terminal: the Authentication-Results field a receiver would add, then
// each check in a line or two (where the connecting address and MAIL FROM were read from), the
// predicted replies, and the findings. Header and DNS text goes through escapeForTerminal.
import type { Finding } from '../findings/types.js';
import { paint, type Paint } from '../report/color.js';
import { escapeForTerminal as esc } from '../report/escape.js';
import { renderFindingsText } from '../report/text.js';
import { PROVIDER_NAMES } from '../predict/types.js';
import { VERDICT_WORD } from '../predict/render-text.js';
import type { MessageReport } from './check-message.js';
import type { DkimVerification } from './verify-dkim.js';

const RESULT_TONE = (p: Paint, result: string | null): ((s: string) => string) =>
  result === 'pass' ? p.green : result === 'none' || result === 'neutral' || result === null ? p.yellow : result === 'temperror' ? p.yellow : p.red;

export function dkimSummary(d: DkimVerification): string {
  const s = d.signature;
  const canon = `${s.headerCanonicalization}/${s.bodyCanonicalization}`;
  const extra = [s.bodyLength === null ? null : `l=${s.bodyLength}`, d.keyBits === null ? null : `${d.keyBits}-bit key`, d.otherwise === null ? null : `otherwise ${d.otherwise}`].filter((x) => x !== null);
  return `d=${s.domain ?? '?'} s=${s.selector ?? '?'} ${s.algorithmText ?? '?'} ${canon}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

/** Where a value came from, in words: `192.0.2.1 (from Received (line 4))`. */
const sourced = (v: { value: string; source: string } | null, empty = '(unknown)'): string => (v === null ? empty : `${esc(v.value === '' ? '<>' : v.value)} (${esc(v.source)})`);

export function renderMessageText(report: MessageReport, findings: readonly Finding[], color: boolean): string {
  const p = paint(color);
  const lines: string[] = [];
  const subject = report.subject === null ? '' : `, Subject "${esc(report.subject)}"`;
  lines.push(`${p.bold(`Message ${esc(report.file)}`)}: From ${report.from.mailboxes.map((m) => esc(m.address)).join(', ') || '(none)'}${subject}, ${report.bytes} bytes`);
  lines.push('');
  lines.push(...report.authenticationResults.split('\n').map(esc));
  lines.push('');
  lines.push(p.bold('DKIM'));
  if (report.dkim.length === 0) lines.push(`  ${p.red('none')}  no DKIM-Signature`);
  for (const d of report.dkim) {
    const word = RESULT_TONE(p, d.result)(d.result.padEnd(9));
    lines.push(`  ${word} ${esc(dkimSummary(d))}${d.reason === null ? '' : `  ${p.dim('reason')} ${esc(d.reason)}`}`);
    if (d.result !== 'pass') lines.push(`            ${esc(d.detail)}`);
  }
  const c = report.connection;
  const spf = report.spf;
  lines.push(`${p.bold('SPF')}   ${RESULT_TONE(p, spf.result)(spf.result ?? 'not evaluated')}${spf.domain === null ? '' : ` for ${esc(spf.domain)}${spf.identity === 'helo' ? ' (HELO identity)' : ''}`}${spf.reason === null ? '' : `: ${esc(spf.reason)}`}`);
  lines.push(`      address ${sourced(c.ip)}, MAIL FROM ${sourced(c.mailFrom)}, HELO ${sourced(c.helo)}`);
  if (c.ip !== null && c.ip.source.startsWith('Received') && c.skipped.length > 0) lines.push(`      ${p.dim(`passed over: ${c.skipped.map(esc).join('; ')}`)}`);
  const dm = report.dmarc;
  const policy = dm.policy === null ? '' : `, policy ${dm.policy}${dm.policyTag === null ? '' : ` (${dm.policyTag}= at _dmarc.${esc(dm.recordDomain ?? '')})`}`;
  lines.push(`${p.bold('DMARC')} ${RESULT_TONE(p, dm.result)(dm.result ?? 'unknown')} for ${esc(dm.domain ?? '(no single From domain)')}${policy}${dm.reason === null ? '' : `: ${esc(dm.reason)}`}`);
  const a = dm.alignment;
  lines.push(`      SPF ${a.spf.aligned === null ? 'alignment unknown' : a.spf.aligned ? 'aligned' : 'not aligned'} (${a.spf.mode}): ${esc(a.spf.reason)}`);
  lines.push(`      DKIM ${a.dkim.aligned ? 'aligned' : 'not aligned'} (${a.dkim.mode}): ${esc(a.dkim.reason)}`);
  const arc = report.arc;
  lines.push(`${p.bold('ARC')}   ${RESULT_TONE(p, arc.result)(arc.result)}${arc.instances === 0 ? '' : ` (${arc.instances} set${arc.instances === 1 ? '' : 's'})`}${arc.reason === null ? '' : `: ${esc(arc.reason)}`}`);
  for (const s of arc.sets) {
    const who = (v: DkimVerification | null): string => (v === null ? 'missing' : `${v.result} d=${esc(v.signature.domain ?? '?')} s=${esc(v.signature.selector ?? '?')}`);
    lines.push(`      i=${s.instance} ${esc(s.authservId ?? '?')} cv=${s.chainValidation ?? '?'}: seal ${who(s.seal)}, message signature ${who(s.messageSignature)}`);
  }
  const u = report.unsubscribe;
  lines.push(`${p.bold('Unsubscribe')} one-click ${u.oneClick ? p.green('yes') : 'no'}, signed ${u.signed ? p.green('yes') : 'no'}${u.uris.length > 0 ? ` (${u.uris.map(esc).join(', ')})` : ''}`);
  lines.push(`${p.bold('Headers')} Message-ID ${report.messageId === null ? p.red('missing') : 'present'}, Date ${report.date === null ? p.red('missing') : 'present'}, From fields ${report.from.fields}`);
  if (report.predictions.length > 0) {
    lines.push('', p.bold('Predicted replies'));
    for (const pr of report.predictions) {
      const code = [pr.code, pr.enhanced].filter((x) => x !== null).join(' ');
      lines.push(`  ${PROVIDER_NAMES[pr.provider].padEnd(12)}${VERDICT_WORD[pr.verdict]}${code === '' ? '' : ` ${code}`}  ${p.dim(esc(pr.rule))}${pr.address === null ? '' : `  ${p.dim(`from ${esc(pr.address)}`)}`}`);
      if (pr.verdict !== 'accepted') lines.push(`              ${esc(pr.why)}`);
    }
  }
  return `${lines.join('\n')}\n\n${renderFindingsText(findings, { color })}`;
}
