// Text rendering for `authaudit spf`: the lookup tree, where each DNS-querying term shows its number in
// evaluation order (the running total at that term) and each include or redirect the range of numbers
// its record uses; then the totals. With --ip, the check_host() result and its trace. Every piece of
// DNS text is escaped. The lines are built through a Style (src/report/style.ts), so the Markdown
// report (render-markdown.ts) shows the same tree, summarised runs and totals with code spans.
import type { DnsProblem, LookupNode, MechanismNode, ResolvedHost, SpfExpansion, SpfTermNode, SpfTreeNode } from './expand-types.js';
import { childOf, isFollow, isInOrder, isLookup, isVoidCounted } from './term-kinds.js';
import { hostFailures } from './host-failures.js';
import { RFC7208_LIMITS } from './limits.js';
import type { CheckHostResult, Qualifier } from './types.js';
import type { Paint } from '../report/color.js';
import { plural } from '../findings/severity.js';
import { indentLines, textStyle, type NestedLine, type Style } from '../report/style.js';

/** "1st", "2nd", "3rd", "4th" … */
function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** 1234567 → "1,234,567" (bigint-safe). */
export function groupDigits(value: bigint | number | string): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function nodeLookups(node: SpfTreeNode): string {
  if (node.subtreeLookups === 0) return 'no lookups';
  if (node.subtreeLookups === node.lookups) return plural(node.lookups, 'lookup');
  return `${plural(node.lookups, 'lookup')} in this record, ${node.subtreeLookups} with what it includes`;
}

function nodeHeading(node: SpfTreeNode, s: Style): string {
  const { p, dns: esc } = s;
  const name = p.bold(esc(node.domain));
  const again = node.occurrence > 1 ? `  ${p.yellow(`(${ordinal(node.occurrence)} time in the tree: its lookups count again)`)}` : '';
  switch (node.status) {
    case 'record':
      return `${name}  ${p.dim(s.quoted(node.record ?? ''))}  ${p.dim(`[${nodeLookups(node)}]`)}${again}`;
    case 'none': {
      const why = node.noneReason === 'nxdomain' ? 'the name does not exist' : node.noneReason === 'nodata' ? 'no TXT records' : 'no TXT record starts with "v=spf1"';
      return `${name}  ${p.red(`no SPF record (${why})`)}`;
    }
    case 'multiple':
      return `${name}  ${p.red(`${node.records.length} SPF records: permerror (RFC 7208 §4.5)`)}`;
    case 'failure':
      return `${name}  ${p.red(`DNS failure: ${esc(node.failure?.failure ?? '')} (${esc(node.failure?.detail ?? '')})`)}`;
    case 'loop':
      return `${name}  ${p.red(`loop: ${(node.loop ?? node.path).map(esc).join(' > ')} (not followed again)`)}`;
    case 'truncated':
      return `${name}  ${p.yellow('not expanded (tree too large)')}`;
  }
}

/** What a DNS-querying term costs: its own number and, for include/redirect, the numbers its record uses. */
function lookupNote(t: LookupNode, limit: number, p: Paint): string | null {
  if (t.lookup === null) return null;
  if (t.beyondLimit) return p.red(`lookup ${t.lookup}: over the limit of ${limit}, receivers stop here with permerror`);
  const inside = (t.runningTotal ?? t.lookup) - t.lookup;
  if (inside <= 0) return `lookup ${t.lookup} of ${limit}`;
  return `lookup ${t.lookup} of ${limit}; its record uses ${t.lookup + 1}${inside > 1 ? `-${t.lookup + inside}` : ''}`;
}

function termNotes(t: SpfTermNode, limit: number, voidLimit: number, s: Style, insideUnreached: boolean): string[] {
  const { p } = s;
  const notes: string[] = [];
  if (!t.evaluated || !isInOrder(t)) {
    if (t.ignoredReason === 'after-all') notes.push(p.yellow('never evaluated: after all'));
    else if (t.ignoredReason === 'redirect-with-all') notes.push(p.yellow('ignored: the record has all'));
    else if (t.ignoredReason === 'syntax-error') notes.push(p.dim('not evaluated: syntax error in the record'));
    return notes;
  }
  const lookup = isLookup(t) ? lookupNote(t, limit, p) : null;
  if (lookup) notes.push(lookup);
  if (isVoidCounted(t) && t.void) {
    notes.push(
      t.beyondVoidLimit
        ? p.red(`void lookup ${t.voidNumber ?? ''}: over the limit of ${voidLimit}, receivers stop here with permerror`)
        : p.yellow(`void lookup ${t.voidNumber ?? ''} of ${voidLimit}`),
    );
  }
  const stoppedHere = (isLookup(t) && t.beyondLimit) || (isVoidCounted(t) && t.beyondVoidLimit) || (t.kind === 'mechanism' && t.name === 'mx' && t.mxOverLimit);
  if (t.pastLimit && !insideUnreached && !stoppedHere) {
    notes.push(p.red('never reached: receivers stopped with permerror before it'));
  }
  if (isLookup(t) && t.macro) notes.push(p.cyan('depends on the message: counted, not followed'));
  if (t.kind === 'mechanism') notes.push(...mechanismNotes(t, voidLimit, s, insideUnreached));
  return notes;
}

/** What an evaluated mechanism found: its DNS failure, its MX names, whether its name exists, its hosts. */
function mechanismNotes(t: MechanismNode, voidLimit: number, s: Style, insideUnreached: boolean): string[] {
  const { p, dns: esc } = s;
  switch (t.name) {
    case 'ptr':
      return [p.cyan('depends on the client address')];
    case 'exists': {
      const notes = t.failure ? [p.red(`DNS failure: ${esc(t.failure.failure)}`)] : [];
      if (t.exists !== null) notes.push(t.exists ? 'exists' : 'does not exist');
      return notes;
    }
    case 'a':
    case 'mx': {
      const notes: string[] = [];
      // a failed address question of an `a`/`mx` host is shown on that host, for its own family only
      if (t.failure && !(t.hosts ?? []).some((h) => h.failure !== null)) notes.push(p.red(`DNS failure: ${esc(t.failure.failure)}`));
      if (t.name === 'mx' && t.mxOverLimit) notes.push(p.red(`${t.mxNames ?? 0} MX names: over ${RFC7208_LIMITS.mxNames}, receivers stop here with permerror`));
      for (const h of t.hosts ?? []) notes.push(hostNote(h, voidLimit, s, insideUnreached || t.pastLimit));
      return notes;
    }
    case 'all':
    case 'include':
    case 'ip4':
    case 'ip6':
      return [];
  }
}

/**
 * One `a`/`mx` host: its addresses and, when a question failed, what each family's question gave:
 * `h.example: 192.0.2.1, AAAA: timeout`, `h.example: A: timeout, AAAA: no records`. Receivers ask A for
 * IPv4 clients and AAAA for IPv6 ones (RFC 7208 §5.3, §5.4), so a failure reaches its own family only.
 * An MX host with no address at all shows its void lookup (§4.6.4), and one receivers never ask after
 * the void limit was passed at an earlier host says so (unless the whole term is never reached).
 */
function hostNote(h: ResolvedHost, voidLimit: number, s: Style, termUnreached: boolean): string {
  const { p, dns: esc } = s;
  const addresses = [...h.ip4, ...h.ip6].map(esc).join(' ');
  if (h.failure === null) {
    const number = h.voidNumber ?? null;
    let note = '';
    if (number !== null) {
      note = number > voidLimit ? ` (${p.red(`void lookup ${number}: over the limit of ${voidLimit}, receivers stop here with permerror`)})` : ` (${p.yellow(`void lookup ${number} of ${voidLimit}`)})`;
    } else if (h.pastLimit === true && !termUnreached) {
      note = ` (${p.red('never asked: receivers stopped with permerror before it')})`;
    }
    return `${esc(h.name)}: ${addresses === '' ? 'no addresses' : addresses}${note}`;
  }
  const failed = hostFailures(h);
  const parts = addresses === '' ? [] : [addresses];
  const shown = new Set<DnsProblem>();
  for (const [problem, type, found] of [
    [failed.ip4, 'A', h.ip4.length],
    [failed.ip6, 'AAAA', h.ip6.length],
  ] as const) {
    // a tree without per-family failures has one problem for both families: shown once, under its own type
    if (problem && !shown.has(problem)) parts.push(p.red(`${esc(problem.type)}: ${esc(problem.failure)}`));
    else if (!problem && found === 0) parts.push(`${type}: no records`);
    if (problem) shown.add(problem);
  }
  return `${esc(h.name)}: ${parts.join(', ')}`;
}

export interface TreeTextOptions {
  /** Every term on its own line (`--tree`); by default runs of address ranges are summarised. */
  full?: boolean;
}

/** The shortest run of ip4/ip6 terms shown as one line in the compact tree. */
const MIN_RUN = 4;

/** A mechanism's qualifier; null for a modifier (and for no term). */
const qualifierOf = (t: SpfTermNode | undefined): Qualifier | null => (t?.kind === 'mechanism' ? t.qualifier : null);

/**
 * Consecutive ip4/ip6 terms with the same qualifier and nothing to say about them (no limit
 * passed, evaluated): one line, `11 ip4 ranges (35.190.247.0/24 … 216.239.32.0/19)`.
 */
function rangeRuns(terms: readonly SpfTermNode[], notesOf: (t: SpfTermNode) => string[]): (SpfTermNode | SpfTermNode[])[] {
  const out: (SpfTermNode | SpfTermNode[])[] = [];
  let run: SpfTermNode[] = [];
  const flush = (): void => {
    if (run.length >= MIN_RUN) out.push(run);
    else out.push(...run);
    run = [];
  };
  for (const t of terms) {
    const plain = (t.name === 'ip4' || t.name === 'ip6') && childOf(t) === null && notesOf(t).length === 0;
    if (plain && (run.length === 0 || qualifierOf(run[0]) === qualifierOf(t))) {
      run.push(t);
      continue;
    }
    flush();
    if (plain) run.push(t);
    else out.push(t);
  }
  flush();
  return out;
}

function runLine(run: readonly SpfTermNode[], esc: (text: string) => string): string {
  const v4 = run.filter((t) => t.name === 'ip4').length;
  const v6 = run.length - v4;
  const counts = [v4 > 0 ? plural(v4, 'ip4 range') : null, v6 > 0 ? plural(v6, 'ip6 range') : null].filter((c) => c !== null).join(' and ');
  const q = qualifierOf(run[0]) ?? '+';
  const qualifier = q === '+' ? '' : `, qualifier ${q}`;
  return `${counts}${qualifier} (${esc(run[0]?.text ?? '')} … ${esc(run[run.length - 1]?.text ?? '')})`;
}

/** `unreached`: the include/redirect that leads here is past a limit, so nothing in this record is reached. */
function renderNode(node: SpfTreeNode, depth: number, tree: SpfExpansion, s: Style, lines: NestedLine[], unreached: boolean, options: TreeTextOptions, summarised: { runs: number }): void {
  const { p, dns: esc } = s;
  lines.push({ depth, text: `${nodeHeading(node, s)}${unreached ? `  ${p.red('(never reached)')}` : ''}` });
  if (node.status === 'multiple') {
    node.records.forEach((text, i) => {
      const source = node.recordSources[i];
      const where = source ? p.dim(`  ${esc(source.file)}:${source.line}`) : '';
      lines.push({ depth: depth + 1, text: `${p.dim(s.quoted(text))}${where}` });
    });
  }
  const notesOf = (t: SpfTermNode): string[] => termNotes(t, tree.lookups.limit, tree.lookups.voidLimit, s, unreached);
  const items = options.full === true ? node.terms : rangeRuns(node.terms, notesOf);
  for (const item of items) {
    if (Array.isArray(item)) {
      lines.push({ depth: depth + 1, text: runLine(item, esc) });
      summarised.runs += 1;
      continue;
    }
    const t = item;
    const notes = notesOf(t);
    lines.push({ depth: depth + 1, text: `${esc(t.text)}${notes.length > 0 ? `  ${p.dim('·')} ${notes.join(p.dim(' · '))}` : ''}` });
    if (isFollow(t) && t.child) renderNode(t.child, depth + 2, tree, s, lines, unreached || t.pastLimit, options, summarised);
  }
}

/**
 * IPv6 addresses as a prefix length, not a 30-digit count: `12 IPv6 CIDR blocks, together larger
 * than one /34` (or `as large as one /32` when the count is a power of two).
 */
export function ip6Extent(count: bigint, ranges: number): string {
  if (count === 0n) return 'no IPv6 addresses';
  if (count === 1n) return '1 IPv6 address';
  const bits = count.toString(2).length - 1; // floor(log2(count))
  const exact = count === 1n << BigInt(bits);
  if (ranges === 1 && exact) return `1 IPv6 CIDR block, a /${128 - bits}`;
  return `${plural(ranges, 'IPv6 CIDR block')}, together ${exact ? 'as large as' : 'larger than'} one /${128 - bits}`;
}

/** What the numbers in the tree mean. */
export function treeIntro(tree: SpfExpansion): string {
  const { limit, voidLimit } = tree.lookups;
  return `Terms that query DNS are numbered in the order receivers evaluate them; receivers allow ${limit} such lookups and ${voidLimit} void ones (RFC 7208 §4.6.4).`;
}

/** Said under a tree whose runs of ip4/ip6 terms were summarised. */
export const SUMMARISED_NOTE = '(runs of ip4/ip6 terms are summarised: --tree lists every term)';

/** The include tree, the root at depth 0, and how many runs of ranges it summarised. */
export function treeLines(tree: SpfExpansion, s: Style, options: TreeTextOptions = {}): { lines: NestedLine[]; runs: number } {
  const lines: NestedLine[] = [];
  const summarised = { runs: 0 };
  renderNode(tree.root, 0, tree, s, lines, false, options, summarised);
  return { lines, runs: summarised.runs };
}

/** The totals under the tree: DNS lookups, void lookups, the addresses authorized to pass. */
export function treeTotals(tree: SpfExpansion, s: Style): string[] {
  const { p, dns: esc } = s;
  const { total, limit, void: voids, voidLimit, crossing, voidCrossing } = tree.lookups;
  const lines: string[] = [];
  const count = `DNS lookups: ${total} of the ${limit} allowed`;
  if (crossing) {
    lines.push(`${p.red(`DNS lookups: ${total}, over the ${limit} allowed`)}: receivers give permerror at lookup ${crossing.count}, ${s.quoted(crossing.term, "'")} in ${esc(crossing.domain)}`);
  } else {
    lines.push(total >= limit - 1 ? p.yellow(`${count} (one provider change from failing)`) : p.green(count));
  }
  const voidLine = `Void lookups (no such name, or no records): ${voids} of the ${voidLimit} allowed`;
  const at = voidCrossing?.host ? ` (MX host ${esc(voidCrossing.host)})` : '';
  lines.push(voidCrossing ? p.red(`${voidLine}: receivers give permerror at ${s.quoted(voidCrossing.term, "'")}${at} in ${esc(voidCrossing.domain)}`) : voidLine);
  // RFC 7208 §5.3, §5.4: names with addresses of one family only are void for the other family's clients
  for (const [key, clients, type] of [
    ['ip4', 'IPv4', 'AAAA'],
    ['ip6', 'IPv6', 'A'],
  ] as const) {
    const c = voidCrossing ? null : (tree.lookups.voidCrossingPerFamily?.[key] ?? null);
    if (!c) continue;
    const host = c.host ? ` (MX host ${esc(c.host)})` : '';
    lines.push(
      p.yellow(
        `Void lookups for ${clients} clients (names with ${type} records only count too): ${tree.lookups.voidPerFamily[key]} of the ${voidLimit} allowed: receivers that count them give permerror at ${s.quoted(c.term, "'")}${host} in ${esc(c.domain)}`,
      ),
    );
  }
  const t = tree.totals;
  const caveats = [
    crossing || voidCrossing ? 'counted as if no limit applied' : null,
    tree.dependsOnMessage ? 'plus whatever message-dependent terms allow' : null,
  ].filter((c): c is string => c !== null);
  lines.push(
    `Authorized to pass: ${groupDigits(t.ip4Addresses)} IPv4 ${t.ip4Addresses === 1 ? 'address' : 'addresses'} in ${plural(t.ip4Ranges, 'CIDR block')}; ` +
      `${ip6Extent(BigInt(t.ip6Addresses), t.ip6Ranges)}` +
      `${caveats.length > 0 ? ` (${caveats.join('; ')})` : ''}`,
  );
  return lines;
}

/** The include tree and the totals. */
export function renderTreeText(tree: SpfExpansion, p: Paint, options: TreeTextOptions = {}): string {
  const s = textStyle(p);
  const { lines: tree_, runs } = treeLines(tree, s, options);
  const lines = [p.bold(`SPF for ${s.dns(tree.domain)}`), p.dim(treeIntro(tree)), '', ...indentLines(tree_, 1)];
  if (runs > 0) lines.push(p.dim(`  ${SUMMARISED_NOTE}`));
  lines.push('', ...treeTotals(tree, s));
  return `${lines.join('\n')}\n`;
}

/** The check_host() result and what led to it: the heading, the result's details, and the trace (depth 0 at the top). */
export function checkLines(ip: string, domain: string, sender: string, helo: string, result: CheckHostResult, s: Style): { heading: string; details: string[]; trace: NestedLine[] } {
  const { p, dns: esc } = s;
  const tone = result.result === 'pass' ? p.green : result.result === 'fail' || result.result === 'permerror' || result.result === 'temperror' ? p.red : p.yellow;
  const heading = `${p.bold(`check_host(${esc(ip)}, ${esc(domain)}, ${esc(sender)})`)} ${p.dim(`HELO ${esc(helo)}`)}: ${tone(p.bold(result.result))}`;
  const details: string[] = [];
  if (result.matched) details.push(`matched: ${esc(result.matched.term)} in ${esc(result.matched.domain)}`);
  if (result.explanation !== null) details.push(`explanation: ${s.prose(result.explanation)}`);
  if (result.problem) {
    const { domain: at, position } = result.problem;
    const where = `${esc(at)}${position !== null ? `, position ${position}` : ''}`;
    details.push(`problem (${where}): ${s.prose(result.problem.message)} (${s.prose(result.problem.rule)})`);
  }
  details.push(`DNS lookups spent: ${result.lookups}; void lookups: ${result.voidLookups}`);
  const trace = result.trace.map((e) => {
    const step = e.term === '' ? p.dim(esc(e.domain)) : `${esc(e.term)}`;
    const outcome = e.result ? `${e.outcome} -> ${e.result}` : e.outcome;
    return { depth: e.depth, text: `${step}  ${p.dim(`[${outcome}, ${e.lookups}]`)} ${s.prose(e.detail)}` };
  });
  return { heading, details, trace };
}

/** Under the trace heading: what the brackets hold. */
export const TRACE_LEGEND = '[outcome, DNS lookups spent so far]';

/** The check_host() result, explanation and trace. */
export function renderCheckText(ip: string, domain: string, sender: string, helo: string, result: CheckHostResult, p: Paint): string {
  const { heading, details, trace } = checkLines(ip, domain, sender, helo, result, textStyle(p));
  const lines = [heading, ...details.map((d) => `  ${d}`), '', p.bold('Trace'), p.dim(`  ${TRACE_LEGEND}`), ...indentLines(trace, 1)];
  return `${lines.join('\n')}\n`;
}

/** One line on the whole tree, shown under a check_host() result. */
export function renderTreeSummary(tree: SpfExpansion, p: Paint): string {
  const { total, limit, void: voids, voidLimit, crossing } = tree.lookups;
  const verdict = crossing ? p.red(`over the ${limit} allowed: permerror for senders matched at lookup ${crossing.count} or later`) : `of the ${limit} allowed`;
  return `The whole include tree (any sender): ${total} DNS lookups ${verdict}; ${voids} of ${voidLimit} void lookups\n`;
}
