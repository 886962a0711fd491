// Findings about one record in the tree: what is published, how it is written, what it authorizes.
// Each record is judged once, at its first occurrence.
import type { RecordEdit } from '../findings/types.js';
import { mergeSpfRecords, withoutTerm } from './edit-record.js';
import { CLASSIC_UDP_LIMIT } from './answer-size.js';
import { RFC7208_LIMITS } from './limits.js';
import { parseCidr } from '../net/cidr.js';
import type { AllNode, LookupNode, MxNode, RangeNode, ResolvedHost, SpfTermNode, SpfTreeNode } from './expand-types.js';
import { isLookup, isRange, isRedirect } from './term-kinds.js';
import type { NodeVisit } from './expand-walk.js';
import { listOf, MX_VOID_RECEIVERS, mxVoidFix, nodeEvidence, showPath, where, type SpfFindingDraft } from './findings-draft.js';
import { WIDE_RANGE } from './findings-wide-range.js';

/** RFC 1035 §3.3: a character-string holds at most 255 bytes. */
const MAX_STRING = 255;

/** `voidLimit`: the void lookups receivers allow (RFC 7208 §4.6.4). */
export function recordFindings(visit: NodeVisit, voidLimit = RFC7208_LIMITS.voidLookups): SpfFindingDraft[] {
  const { node, via, topLevel } = visit;
  const out: SpfFindingDraft[] = [];

  if (node.status === 'none' && via) out.push(withoutSpf(node, via));
  if (node.status === 'multiple') {
    out.push({
      id: 'spf-multiple-records',
      message: `${node.domain} publishes ${node.records.length} SPF records${where(node)} (${node.records.map((text, i) => `${recordPlace(node, i)}"${text}"`).join(', ')}); receivers give permerror when more than one TXT record starts with "v=spf1" (RFC 7208 §4.5)`,
      evidence: { ...nodeEvidence(node, null), record: node.records.join(' | ') },
      fix: `Merge them into one TXT record at ${node.domain} (one "v=spf1", every sender's terms, one all) and delete the others.`,
      edits: mergeEdits(node.domain, node.records),
    });
  }
  if (node.status !== 'record' || node.occurrence > 1) return out;

  for (const e of node.parseErrors) {
    out.push({
      id: 'spf-syntax-error',
      message: `SPF record of ${node.domain}${where(node)}, at position ${e.position}: ${e.message} (${e.rule}); a syntax error anywhere in a record makes it permerror before any term is evaluated (RFC 7208 §4.6)`,
      evidence: nodeEvidence(node, e.position),
      fix: `Correct the record at position ${e.position} (${e.rule}).`,
    });
  }
  out.push(...sizeFindings(node));
  if (node.parseErrors.length > 0) return out;

  const terms = node.terms;
  const all = terms.find((t): t is AllNode => t.kind === 'mechanism' && t.name === 'all' && t.evaluated);
  const redirect = terms.find(isRedirect);

  if (all?.qualifier === '+') {
    out.push({
      id: 'spf-plus-all',
      message: topLevel
        ? `the record of ${node.domain}${where(node)} ends in '${all.text}': every host on the internet passes SPF as this domain (RFC 7208 §5.1)`
        : `the record of ${node.domain} ends in '${all.text}', so '${via?.term.text ?? ''}' in ${via?.parent.domain ?? ''} matches every host on the internet (${showPath(node.path)}) (RFC 7208 §5.1, §5.2)`,
      evidence: nodeEvidence(node, all.position),
      fix: topLevel
        ? `Replace '${all.text}' with '-all' (or '~all' while you confirm every sender is listed).`
        : `Remove the include of ${node.domain} and ask its operator to publish a record that ends in -all or ~all.`,
    });
  }
  if (all?.qualifier === '?' && topLevel) {
    out.push({
      id: 'spf-neutral-all',
      message: `the record of ${node.domain}${where(node)} ends in '?all': unlisted hosts get "neutral", which asserts nothing, so forged mail is not told apart (RFC 7208 §5.1, §8.2)`,
      evidence: nodeEvidence(node, all.position),
      fix: `Once every sender is listed, replace '?all' with '~all' or '-all'.`,
    });
  }
  if (!all && !redirect && topLevel) {
    out.push({
      id: 'spf-no-all',
      message: `the record of ${node.domain}${where(node)} has neither 'all' nor 'redirect=': hosts it does not list get the default "neutral" (RFC 7208 §4.7)`,
      evidence: nodeEvidence(node, node.record?.length ?? null),
      fix: `End the record with '-all' (or '~all' while you confirm every sender is listed).`,
    });
  }

  const afterAll = terms.filter((t) => t.ignoredReason === 'after-all');
  const first = afterAll[0];
  if (first) {
    out.push({
      id: 'spf-terms-after-all',
      message: `${afterAll.length === 1 ? 'a term follows' : `${afterAll.length} terms follow`} 'all' in the record of ${node.domain}${where(node)} (${afterAll.map((t) => `'${t.text}'`).join(', ')}); receivers never evaluate them (RFC 7208 §5.1)`,
      evidence: nodeEvidence(node, first.position),
      fix: `Move ${afterAll.length === 1 ? 'it' : 'them'} before '${all?.text ?? 'all'}', or delete ${afterAll.length === 1 ? 'it' : 'them'} if no longer needed.`,
    });
  }
  if (redirect?.ignoredReason === 'redirect-with-all') {
    out.push({
      id: 'spf-redirect-with-all',
      message: `'${redirect.text}' in the record of ${node.domain}${where(node)} is ignored because the record has an 'all' mechanism (RFC 7208 §6.1)`,
      evidence: nodeEvidence(node, redirect.position),
      fix: `Keep one: remove '${all?.text ?? 'all'}' to delegate to ${redirect.target ?? 'the redirect target'}, or remove '${redirect.text}'.`,
    });
  }

  for (const t of terms.filter((x) => x.evaluated)) out.push(...termFindings(node, t, voidLimit));

  const macros = terms.filter((t): t is LookupNode => isLookup(t) && t.evaluated && t.macro);
  if (macros.length > 0) {
    out.push({
      id: 'spf-macro-not-followed',
      message: `${macros.map((t) => `'${t.text}'`).join(', ')} in the record of ${node.domain}${where(node)} ${macros.length === 1 ? 'depends' : 'depend'} on the message (RFC 7208 §7); each is counted as one lookup here, but what ${macros.length === 1 ? 'it reaches' : 'they reach'} is not`,
      evidence: nodeEvidence(node, macros[0]?.position ?? null),
      fix: 'Nothing to change if the macros are intended; to see what they reach for one message, run the command below with its address, sender and HELO name.',
      command: ['spf', node.path[0] ?? node.domain, '--ip', '<address>', '--sender', '<mail-from>', '--helo', '<name>'],
    });
  }
  return out;
}

/** "line 16: " when the record's zone file line is known, else "". */
function recordPlace(node: SpfTreeNode, index: number): string {
  const source = node.recordSources[index];
  return source ? `line ${source.line}: ` : '';
}

function withoutSpf(node: SpfTreeNode, via: NonNullable<NodeVisit['via']>): SpfFindingDraft {
  const reason =
    node.noneReason === 'nxdomain' ? 'does not exist' : node.noneReason === 'nodata' ? 'has no TXT records' : 'has no TXT record starting with "v=spf1"';
  const isRedirect = via.term.name === 'redirect';
  return {
    id: 'spf-include-without-spf',
    message: `'${via.term.text}' in ${via.parent.domain} names ${node.domain}, which ${reason}; ${isRedirect ? 'a redirect to a domain without SPF' : 'an include of a domain without SPF'} gives permerror (RFC 7208 ${isRedirect ? '§6.1' : '§5.2'})`,
    evidence: nodeEvidence(via.parent, via.term.position, node.path),
    fix: `Correct the domain in '${via.term.text}' (check the provider's documentation for its SPF include) or remove the term.`,
  };
}

function sizeFindings(node: SpfTreeNode): SpfFindingDraft[] {
  const out: SpfFindingDraft[] = [];
  const long = (node.stringLengths ?? []).filter((n) => n > MAX_STRING);
  if (long.length > 0) {
    out.push({
      id: 'spf-string-too-long',
      message: `the SPF TXT record of ${node.domain}${where(node)} has a character-string of ${Math.max(...long)} bytes; one string holds at most ${MAX_STRING} (RFC 1035 §3.3.14), so it cannot be served as written (RFC 7208 §3.3)`,
      evidence: nodeEvidence(node, null),
      fix: `Split the record into several quoted strings of at most ${MAX_STRING} bytes each ("v=spf1 … " "… -all"); receivers join them without spaces, so cut between terms and keep the space inside a string.`,
    });
  }
  if (node.answerBytes !== null && node.answerBytes > CLASSIC_UDP_LIMIT) {
    out.push({
      id: 'spf-record-too-large',
      message: `the TXT answer for ${node.domain}${where(node)} is ${node.answerBytes} bytes, over the ${CLASSIC_UDP_LIMIT} bytes a DNS answer over UDP without EDNS may carry; receivers must retry over TCP and some fail (RFC 7208 §3.4)`,
      evidence: nodeEvidence(node, null),
      fix: `Shorten the SPF record (merge ranges, drop unused terms) or move part of it to an include, and remove other TXT records at ${node.domain} that are no longer needed (they share the answer).`,
    });
  }
  return out;
}

function termFindings(node: SpfTreeNode, t: SpfTermNode, voidLimit: number): SpfFindingDraft[] {
  const out: SpfFindingDraft[] = [];
  if (t.kind !== 'mechanism') return out;
  if (t.name === 'ptr') {
    out.push({
      id: 'spf-ptr',
      message: `'${t.text}' in the record of ${node.domain}${where(node)}: the ptr mechanism SHOULD NOT be used; it is slow, unreliable, and some receivers ignore it (RFC 7208 §5.5)`,
      evidence: nodeEvidence(node, t.position),
      fix: `Replace '${t.text}' with ip4/ip6 ranges (or an a: term) for the hosts it was meant to cover.`,
    });
  }
  if (t.name === 'mx' && t.mxOverLimit) {
    out.push({
      id: 'spf-mx-too-many-names',
      message: `'${t.text}' in the record of ${node.domain}${where(node)} finds ${t.mxNames ?? 0} MX hosts; receivers look up at most ${RFC7208_LIMITS.mxNames} and give permerror beyond (RFC 7208 §4.6.4)`,
      evidence: nodeEvidence(node, t.position),
      fix: `Replace '${t.text}' with ip4/ip6 ranges for the hosts that send mail.`,
    });
  }
  if ((t.name === 'a' || t.name === 'mx' || t.name === 'exists') && t.void) {
    // include/redirect targets without records are spf-include-without-spf (an error) instead.
    const what = t.name === 'mx' ? 'has no MX records' : t.name === 'exists' ? 'has no A record' : 'has no address records';
    out.push({
      id: 'spf-void-lookup',
      message: `'${t.text}' in the record of ${node.domain}${where(node)} asks about ${t.target ?? 'a name'}, which ${what} or does not exist: the term matches nothing, costs a lookup, and uses void lookup ${t.voidNumber ?? '?'} of the ${voidLimit} receivers allow before permerror (RFC 7208 §4.6.4)`,
      evidence: nodeEvidence(node, t.position),
      fix: `Remove '${t.text}' if ${t.target ?? 'that host'} no longer sends mail, or publish the records it should have.`,
      edits: removeTermEdits(node, t),
    });
  }
  if (t.name === 'mx') {
    const voidHosts = (t.hosts ?? []).filter((h) => h.voidNumber !== null && h.voidNumber !== undefined);
    if (voidHosts.length > 0) out.push(mxVoidHosts(node, t, voidHosts, voidLimit));
  }
  if (isRange(t) && t.qualifier === '+') out.push(...wideRanges(node, t));
  return out;
}

/**
 * An `mx` term's hosts with no address at all: each address lookup is a void lookup (RFC 7208 §4.6.4)
 * for the receivers that count MX hosts, and the hosts match nothing.
 */
function mxVoidHosts(node: SpfTreeNode, t: MxNode, hosts: readonly ResolvedHost[], voidLimit: number): SpfFindingDraft {
  const names = hosts.map((h) => h.name);
  const numbers = hosts.map((h) => String(h.voidNumber));
  const one = hosts.length === 1;
  const over = hosts.find((h) => (h.voidNumber ?? 0) > voidLimit);
  const counted = `${one ? 'it as void lookup' : 'them as void lookups'} ${listOf(numbers)} of the ${voidLimit} allowed`;
  const outcome = over ? `, and give permerror at ${over.name}` : ' before permerror';
  return {
    id: 'spf-void-lookup',
    message:
      `'${t.text}' in the record of ${node.domain}${where(node)} names MX ${one ? 'host' : 'hosts'} ${listOf(names)}, ` +
      `which ${one ? 'has' : 'have'} no address records or ${one ? 'does' : 'do'} not exist: ${MX_VOID_RECEIVERS} count ${counted}${outcome}; ` +
      `${one ? 'it matches' : 'they match'} nothing (RFC 7208 §4.6.4, §5.4)`,
    evidence: nodeEvidence(node, t.position),
    fix: mxVoidFix(t.text, names),
  };
}

function wideRanges(node: SpfTreeNode, t: RangeNode): SpfFindingDraft[] {
  const out: SpfFindingDraft[] = [];
  for (const text of t.ranges) {
    const cidr = parseCidr(text);
    if (!cidr) continue;
    const limits = cidr.family === 4 ? WIDE_RANGE.ip4 : WIDE_RANGE.ip6;
    if (cidr.prefix > limits.warning) continue;
    const bits = cidr.family === 4 ? 32 : 128;
    const size = 2n ** BigInt(bits - cidr.prefix);
    out.push({
      id: 'spf-wide-range',
      severity: cidr.prefix <= limits.error ? 'error' : 'warning',
      message: `'${t.text}' in the record of ${node.domain}${where(node)} authorizes ${text} (${size.toLocaleString('en-US')} addresses), far more than any one sender uses; every host in it passes SPF as this domain (RFC 7208 §5.6)`,
      evidence: nodeEvidence(node, t.position),
      fix: `List the mail servers' own ranges instead of ${text} (ask the provider for its SPF include or its sending ranges).`,
    });
  }
  return out;
}

/** RFC 7208 §4.5: one record holding every sender's terms replaces the first, and the others go. */
function mergeEdits(domain: string, records: readonly string[]): RecordEdit[] {
  const merged = mergeSpfRecords(records, null);
  const [first, ...others] = records;
  if (merged === null || first === undefined) return [];
  return [
    { action: 'replace', name: domain, type: 'TXT', value: merged, current: first },
    ...others.map((current): RecordEdit => ({ action: 'remove', name: domain, type: 'TXT', value: null, current })),
  ];
}

/** The record without one term (a void `a`/`mx`/`exists` that matches nothing). */
function removeTermEdits(node: SpfTreeNode, t: SpfTermNode): RecordEdit[] {
  if (node.record === null) return [];
  const value = withoutTerm(node.record, t.position);
  return value === null ? [] : [{ action: 'replace', name: node.domain, type: 'TXT', value, current: node.record }];
}
