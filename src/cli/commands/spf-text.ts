// Text rendering for `authaudit spf`: the lookup tree with each term's lookup number and the running
// total, and the check_host() result with its trace. Every piece of DNS text is escaped.
import type { SpfExpansion, SpfTermNode, SpfTreeNode } from '../../spf/expand-types.js';
import type { CheckHostResult } from '../../spf/types.js';
import { escapeForTerminal } from '../../report/escape.js';
import type { Paint } from '../../report/color.js';
import { plural } from '../../report/severity.js';

const esc = escapeForTerminal;

function nodeHeading(node: SpfTreeNode, p: Paint): string {
  const name = p.bold(esc(node.domain));
  switch (node.status) {
    case 'record':
      return `${name}  ${p.dim(`"${esc(node.record ?? '')}"`)}`;
    case 'none':
      return `${name}  ${p.red(`no SPF record (${node.noneReason ?? 'none'})`)}`;
    case 'multiple':
      return `${name}  ${p.red(`${node.records.length} SPF records (permerror)`)}`;
    case 'failure':
      return `${name}  ${p.red(`DNS failure: ${esc(node.failure?.failure ?? '')} (${esc(node.failure?.detail ?? '')})`)}`;
    case 'loop':
      return `${name}  ${p.red(`loop: ${(node.loop ?? node.path).map(esc).join(' > ')}`)}`;
    case 'truncated':
      return `${name}  ${p.yellow('not expanded (tree too large)')}`;
  }
}

function termNotes(t: SpfTermNode, limit: number, p: Paint): string[] {
  const notes: string[] = [];
  if (!t.evaluated) {
    if (t.ignoredReason === 'after-all') notes.push(p.yellow('never evaluated: after all'));
    else if (t.ignoredReason === 'redirect-with-all') notes.push(p.yellow('ignored: the record has all'));
    else if (t.ignoredReason === 'syntax-error') notes.push(p.dim('not evaluated: syntax error in the record'));
    return notes;
  }
  if (t.lookup !== null) {
    const text = `lookup ${t.lookup}, total ${t.runningTotal ?? t.lookup}`;
    notes.push(t.beyondLimit ? p.red(`${text} - beyond ${limit}: permerror here`) : text);
  }
  if (t.void) notes.push(t.beyondVoidLimit ? p.red(`void lookup ${t.voidNumber ?? ''}: over the limit`) : p.yellow(`void lookup ${t.voidNumber ?? ''}`));
  if (t.macro) notes.push(p.cyan('depends on the message: not followed'));
  if (t.dependsOnIp) notes.push(p.cyan('depends on the client address'));
  if (t.failure) notes.push(p.red(`DNS failure: ${esc(t.failure.failure)}`));
  if (t.mxOverLimit) notes.push(p.red(`${t.mxNames ?? 0} MX names: over 10, permerror`));
  if (t.exists !== null) notes.push(t.exists ? 'exists' : 'does not exist');
  if (t.hosts) {
    for (const h of t.hosts) {
      const addresses = [...h.ip4, ...h.ip6];
      notes.push(`${esc(h.name)}: ${addresses.length > 0 ? addresses.map(esc).join(' ') : 'no addresses'}`);
    }
  }
  return notes;
}

function renderNode(node: SpfTreeNode, indent: string, limit: number, p: Paint, lines: string[]): void {
  const own = node.status === 'record' ? p.dim(`  [${node.lookups} here, ${node.subtreeLookups} with includes]`) : '';
  lines.push(`${indent}${nodeHeading(node, p)}${own}`);
  for (const t of node.terms) {
    const notes = termNotes(t, limit, p);
    lines.push(`${indent}  ${esc(t.text)}${notes.length > 0 ? `  ${p.dim('·')} ${notes.join(p.dim(' · '))}` : ''}`);
    if (t.child) renderNode(t.child, `${indent}    `, limit, p, lines);
  }
}

/** The include tree and the totals. */
export function renderTreeText(tree: SpfExpansion, p: Paint): string {
  const lines: string[] = [p.bold(`SPF for ${esc(tree.domain)}`), ''];
  renderNode(tree.root, '  ', tree.lookups.limit, p, lines);
  lines.push('');
  const { total, limit, void: voids, voidLimit } = tree.lookups;
  const count = `${total} of ${limit} DNS lookups`;
  lines.push(`Lookups: ${total > limit ? p.red(count) : total >= limit - 1 ? p.yellow(count) : p.green(count)}, ${voids} of ${voidLimit} void lookups`);
  const t = tree.totals;
  lines.push(`Authorized (pass): ${t.ip4Addresses} IPv4 addresses in ${plural(t.ip4Ranges, 'CIDR block')}, ${t.ip6Addresses} IPv6 addresses in ${plural(t.ip6Ranges, 'CIDR block')}${tree.dependsOnMessage ? ' (plus what message-dependent terms allow)' : ''}`);
  return `${lines.join('\n')}\n`;
}

/** The check_host() result, explanation and trace. */
export function renderCheckText(ip: string, domain: string, sender: string, result: CheckHostResult, p: Paint): string {
  const tone = result.result === 'pass' ? p.green : result.result === 'fail' || result.result === 'permerror' || result.result === 'temperror' ? p.red : p.yellow;
  const lines = [`${p.bold(`check_host(${esc(ip)}, ${esc(domain)}, ${esc(sender)})`)}: ${tone(p.bold(result.result))}`];
  if (result.matched) lines.push(`  matched: ${esc(result.matched.term)} in ${esc(result.matched.domain)}`);
  if (result.explanation !== null) lines.push(`  explanation: ${esc(result.explanation)}`);
  if (result.problem) lines.push(`  problem: ${esc(result.problem.message)} (${esc(result.problem.rule)})`);
  lines.push(`  lookups: ${result.lookups}, void lookups: ${result.voidLookups}`, '', p.bold('Trace'));
  for (const e of result.trace) {
    const step = e.term === '' ? p.dim(esc(e.domain)) : `${esc(e.term)}`;
    const outcome = e.result ? `${e.outcome} -> ${e.result}` : e.outcome;
    lines.push(`  ${'  '.repeat(e.depth)}${step}  ${p.dim(`[${outcome}, lookups ${e.lookups}]`)} ${esc(e.detail)}`);
  }
  return `${lines.join('\n')}\n`;
}
