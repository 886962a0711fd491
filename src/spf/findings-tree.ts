// Findings about the tree as a whole: the lookup and void-lookup limits, loops, repeated includes,
// DNS failures, and the root record's existence.
import { hostFailures, hostVoids } from './host-failures.js';
import type { ANode, DnsProblem, ExpansionFailure, LimitCrossing, MxNode, ResolvedHost, SpfExpansion, SpfTermNode } from './expand-types.js';
import { isHostTerm } from './term-kinds.js';
import type { NodeVisit } from './expand-walk.js';
import { rangesPastLimit, type LostRanges } from './expand-lost.js';
import { listOf, MX_VOID_RECEIVERS, mxVoidFix, nodeEvidence, showPath, type SpfFindingDraft } from './findings-draft.js';

function crossingEvidence(c: LimitCrossing): SpfFindingDraft['evidence'] {
  return {
    domain: c.domain,
    record: c.record,
    position: c.position,
    path: c.path,
    file: c.source?.file ?? null,
    line: c.source?.line ?? null,
  };
}

/** ": 203.0.113.192/27, 203.0.113.224/28 and 2 more ranges are authorized only past it", or "". */
function lostText(lost: LostRanges): string {
  if (lost.cidrs.length === 0) return '';
  const shown = lost.cidrs.slice(0, 3).join(', ');
  const more = lost.cidrs.length > 3 ? ` and ${lost.cidrs.length - 3} more ranges` : '';
  return `: ${shown}${more} ${lost.cidrs.length === 1 ? 'is' : 'are'} authorized only past the limit`;
}

export function treeFindings(tree: SpfExpansion, visits: NodeVisit[]): SpfFindingDraft[] {
  const out: SpfFindingDraft[] = [];
  const root = tree.root;
  const { total, limit, crossing, voidCrossing } = tree.lookups;

  if (root.status === 'none') {
    out.push({
      id: 'spf-none',
      message: `${tree.domain} publishes no SPF record (${root.noneReason === 'nxdomain' ? 'the name does not exist' : root.noneReason === 'nodata' ? 'no TXT records' : 'no TXT record starts with "v=spf1"'}), so receivers get the result "none" and cannot tell its mail from forgeries (RFC 7208 §4.5)`,
      evidence: nodeEvidence(root, null),
      fix: `Publish one TXT record at ${tree.domain}: "v=spf1 <the services that send its mail> -all", or "v=spf1 -all" if the domain sends no mail.`,
    });
  }

  if (root.type99.asked && root.type99.texts.length > 0) {
    const same = root.record !== null && root.type99.texts.every((t) => t === root.record);
    out.push({
      id: 'spf-type99-record',
      severity: same ? 'info' : 'warning',
      message: same
        ? `${tree.domain} still publishes its SPF record as a type 99 (SPF) record; receivers read only TXT (RFC 7208 §3.1)`
        : `${tree.domain} publishes a type 99 (SPF) record that differs from its TXT record; receivers read only TXT, so the type 99 text misleads anyone reading it (RFC 7208 §3.1)`,
      evidence: {
        ...nodeEvidence(root, null),
        record: root.type99.texts.join(' | '),
        // Point at the type 99 record itself (the one to delete), when its zone line is known.
        file: root.type99.sources[0]?.file ?? root.source?.file ?? null,
        line: root.type99.sources[0]?.line ?? root.source?.line ?? null,
      },
      fix: `Delete the type 99 (SPF) record at ${tree.domain}; keep the TXT record only.`,
      edits: root.type99.texts.map((current) => ({ action: 'remove', name: tree.domain, type: 'SPF', value: null, current })),
    });
  }

  if (crossing) {
    out.push({
      id: 'spf-too-many-lookups',
      message: `evaluating SPF for ${tree.domain} takes ${total} DNS lookups; receivers allow ${limit} and give permerror at lookup ${crossing.count}, '${crossing.term}' in ${crossing.domain} (via ${showPath(crossing.path)}), so senders matched there or later fail SPF${lostText(rangesPastLimit(root))} (RFC 7208 §4.6.4)`,
      evidence: crossingEvidence(crossing),
      fix: `Bring the count to ${limit} or fewer (8 leaves headroom): remove includes of services no longer used, replace a/mx terms with ip4/ip6 ranges, or flatten stable providers (the command below).`,
      command: ['flatten', tree.domain],
    });
  } else if (total >= limit - 1 && total <= limit) {
    out.push({
      id: 'spf-lookups-near-limit',
      message: `evaluating SPF for ${tree.domain} takes ${total} of the ${limit} DNS lookups receivers allow; one more include, or a provider nesting one more include in its own record, makes every receiver answer permerror (RFC 7208 §4.6.4)`,
      evidence: nodeEvidence(root, null),
      fix: `Free two or more lookups: remove unused includes, replace a/mx terms with ip4/ip6 ranges, or flatten a stable provider (the command below).`,
      command: ['flatten', tree.domain],
    });
  }

  if (voidCrossing?.host) {
    // RFC 7208 §4.6.4: the limit is passed at an MX host's address lookup, which receivers differ on
    const term = crossingTerm(voidCrossing, visits);
    const voidHosts = (term && isHostTerm(term) ? (term.hosts ?? []) : []).filter((h) => h.voidNumber !== null && h.voidNumber !== undefined).map((h) => h.name);
    out.push({
      id: 'spf-too-many-void-lookups',
      message: `evaluating SPF for ${tree.domain} meets ${tree.lookups.void} void lookups (NXDOMAIN or no records); void lookup ${voidCrossing.count} is the address lookup of MX host ${voidCrossing.host}, which has no address records or does not exist, for '${voidCrossing.term}' in ${voidCrossing.domain} (via ${showPath(voidCrossing.path)}): ${MX_VOID_RECEIVERS} give permerror there, after ${tree.lookups.voidLimit} (RFC 7208 §4.6.4)`,
      evidence: crossingEvidence(voidCrossing),
      fix: mxVoidFix(voidCrossing.term, voidHosts.length > 0 ? voidHosts : [voidCrossing.host]),
    });
  } else if (voidCrossing) {
    out.push({
      id: 'spf-too-many-void-lookups',
      message: `evaluating SPF for ${tree.domain} meets ${tree.lookups.void} void lookups (NXDOMAIN or no records); receivers give permerror after ${tree.lookups.voidLimit}, at '${voidCrossing.term}' in ${voidCrossing.domain} (via ${showPath(voidCrossing.path)}) (RFC 7208 §4.6.4)`,
      evidence: crossingEvidence(voidCrossing),
      fix: `Remove the terms that name nonexistent hosts or domains (see each term marked void in the tree), or publish the records they expect.`,
    });
  }

  if (!voidCrossing) {
    for (const fam of FAMILIES) {
      const c = tree.lookups.voidCrossingPerFamily?.[fam.key];
      if (c) out.push(oneFamilyVoids(tree, visits, fam, c));
    }
  }

  for (const v of visits) {
    const { node, via } = v;
    if (node.status === 'loop' && via) {
      out.push({
        id: 'spf-include-loop',
        message: `'${via.term.text}' in ${via.parent.domain} leads back to ${node.domain}: ${showPath(node.loop ?? node.path)}; receivers recurse until the lookup limit and give permerror (RFC 7208 §4.6.4, §5.2)`,
        evidence: nodeEvidence(via.parent, via.term.position, node.loop ?? node.path),
        fix: `Remove '${via.term.text}' from ${via.parent.domain}'s record, or break the cycle elsewhere on the path.`,
      });
    }
    if (node.occurrence === 2 && via) {
      const count = tree.duplicates.find((d) => d.domain.toLowerCase() === node.domain.toLowerCase())?.count ?? 2;
      out.push({
        id: 'spf-duplicate-include',
        message: `${node.domain} is evaluated ${count} times while checking ${tree.domain} (again via ${showPath(node.path)}); receivers count its lookups every time (RFC 7208 §4.6.4)`,
        evidence: nodeEvidence(via.parent, via.term.position, node.path),
        fix: `Keep one include of ${node.domain}: remove '${via.term.text}' from ${via.parent.domain} if the other path already covers it.`,
      });
    }
  }

  for (const f of tree.failures) {
    const visit = visits.find((v) => v.node.path.join('\n') === f.path.join('\n'));
    const node = visit?.node;
    const evidence = node
      ? nodeEvidence(node, f.position, f.path)
      : { domain: f.domain, record: null, position: f.position, path: f.path, file: null, line: null };
    const host = failedHost(f, visits);
    if (host) {
      out.push({ id: 'spf-dns-failure', ...hostFailureText(f, host), evidence });
      continue;
    }
    out.push({
      id: 'spf-dns-failure',
      message: `the ${f.problem.type} question for ${f.problem.name}${f.term ? ` (for '${f.term}' in ${f.domain})` : ''} failed: ${f.problem.failure} (${f.problem.detail}); receivers give temperror and defer or reject the mail (RFC 7208 §4.4)`,
      evidence,
      fix: `Make ${f.problem.name} answer ${f.problem.type} questions reliably (check its authoritative servers), or stop referring to it.`,
    });
  }

  if (tree.truncated) {
    out.push({
      id: 'spf-expansion-truncated',
      message: `the include tree of ${tree.domain} is too large to expand fully; parts are marked truncated and counts are lower bounds (RFC 7208 §4.6.4 limits receivers to ${limit} lookups anyway)`,
      evidence: nodeEvidence(root, null),
      fix: `Reduce the includes: no receiver evaluates a tree this size.`,
    });
  }
  return out;
}

/**
 * Past the void limit for the clients of one family only (RFC 7208 §4.6.4): `a` names and MX hosts
 * with addresses of the other family are void lookups for them, as receivers ask only the client's
 * family (§5.3, §5.4). pyspf and Mail::SPF count those lookups; mailauth, by default, does not.
 */
function oneFamilyVoids(tree: SpfExpansion, visits: NodeVisit[], fam: Family, c: LimitCrossing): SpfFindingDraft {
  const other = fam.key === 'ip4' ? 'ip6' : 'ip4';
  const names: string[] = [];
  const terms: string[] = [];
  let mx = false;
  for (const { node } of visits) {
    for (const t of node.terms) {
      if (!t.evaluated || !isHostTerm(t)) continue;
      for (const h of t.hosts ?? []) {
        const v = hostVoids(h);
        if (!v[fam.key] || v[other]) continue;
        if (!names.includes(h.name)) names.push(h.name);
        if (!terms.includes(t.text)) terms.push(t.text);
        mx ||= t.name === 'mx';
      }
    }
  }
  const otherType = fam.type === 'A' ? 'AAAA' : 'A';
  const shown = names.length > 4 ? [...names.slice(0, 3), `${names.length - 3} more`] : names;
  const one = names.length === 1;
  const at = c.host ? `the ${fam.type} lookup of MX host ${c.host} for '${c.term}'` : `'${c.term}'`;
  const receivers = mx
    ? MX_VOID_RECEIVERS
    : 'receivers that count each address lookup of the client\'s family as a void lookup (pyspf, Mail::SPF; mailauth counts a name with no address at all)';
  return {
    id: 'spf-void-lookups-one-family',
    message:
      `${fam.clients} clients meet up to ${tree.lookups.voidPerFamily[fam.key]} void lookups while SPF for ${tree.domain} is evaluated, ` +
      `because ${listOf(shown)} ${one ? 'has' : 'have'} ${otherType} records only and receivers ask only the client's family (RFC 7208 §5.3, §5.4); ` +
      `void lookup ${c.count} is ${at} in ${c.domain} (via ${showPath(c.path)}): ${receivers} give permerror there, after ${tree.lookups.voidLimit}, ` +
      `to the ${fam.clients} clients no earlier term matches (RFC 7208 §4.6.4)`,
    evidence: crossingEvidence(c),
    fix: `Replace ${listOf(terms.map((t) => `'${t}'`))} by ip4/ip6 terms for the hosts that send mail, or give ${listOf(shown)} ${fam.type} records too.`,
  };
}

/** The term where a count passes its limit. */
function crossingTerm(c: LimitCrossing, visits: NodeVisit[]): SpfTermNode | null {
  const key = c.path.join('\n');
  for (const v of visits) {
    if (v.node.path.join('\n') !== key) continue;
    const t = v.node.terms.find((x) => x.position === c.position && x.text === c.term);
    if (t) return t;
  }
  return null;
}

/** Client families: receivers ask A for an IPv4 client and AAAA for an IPv6 one (RFC 7208 §5.3, §5.4). */
const FAMILIES = [
  { key: 'ip4', type: 'A', clients: 'IPv4' },
  { key: 'ip6', type: 'AAAA', clients: 'IPv6' },
] as const;

type Family = (typeof FAMILIES)[number];

/** An `a`/`mx` host whose address question failed, with its term and its place among the term's hosts. */
interface FailedHost {
  term: ANode | MxNode;
  hosts: ResolvedHost[];
  index: number;
}

function sameProblem(a: DnsProblem, b: DnsProblem): boolean {
  return a.name === b.name && a.type === b.type && a.failure === b.failure && a.detail === b.detail;
}

/**
 * The host an expansion failure belongs to, or null when the failure is a record's TXT question or a
 * term's own (MX of `mx`, A of `exists`). The expansion records a host's failure as the host's own
 * `failure` object; a tree read back from JSON is matched by value.
 */
function failedHost(f: ExpansionFailure, visits: NodeVisit[]): FailedHost | null {
  if (f.term === null) return null;
  const key = f.path.join('\n');
  const terms = visits
    .filter((v) => v.node.path.join('\n') === key)
    .flatMap((v) => v.node.terms.filter(isHostTerm).filter((t) => t.position === f.position && t.text === f.term));
  const tests = [(h: ResolvedHost) => h.failure === f.problem, (h: ResolvedHost) => h.failure !== null && sameProblem(h.failure, f.problem)];
  for (const test of tests) {
    for (const term of terms) {
      const index = term.hosts?.findIndex(test) ?? -1;
      if (term.hosts && index >= 0) return { term, hosts: term.hosts, index };
    }
  }
  return null;
}

/** "a.example", "a.example, b.example and c.example", "a.example, b.example, c.example and 2 more". */
function hostNames(hosts: readonly ResolvedHost[]): string {
  const names = hosts.map((h) => h.name);
  if (names.length <= 3) return names.length === 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`;
  return `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`;
}

/**
 * The message and fix for a failed `a`/`mx` host: each failed question named, and the clients that get
 * temperror. A receiver asks only its client's family (RFC 7208 §5.3, §5.4) and, for `mx`, asks the hosts
 * in preference order until one matches, so a host's failure reaches only the clients of the failed
 * family that no earlier host matched, and none at all of a family whose question already failed at an
 * earlier host (check_host stops there, §5).
 */
function hostFailureText(f: ExpansionFailure, found: FailedHost): { message: string; fix: string } {
  const { term, hosts, index } = found;
  const host = hosts[index] as ResolvedHost;
  const failed = hostFailures(host);
  const families = FAMILIES.filter((fam) => failed[fam.key] !== null);
  const problems = [...new Set(families.map((fam) => failed[fam.key] as DnsProblem))];
  const isMx = term.name === 'mx';
  const earlier = hosts.slice(0, index);

  const questions = `the ${problems.map((p) => p.type).join(' and ')} question${problems.length > 1 ? 's' : ''} for ${host.name}`;
  const place = isMx ? `MX host ${index + 1} of ${hosts.length} in preference order for '${term.text}' in ${f.domain}` : `for '${term.text}' in ${f.domain}`;
  const first = problems[0] as DnsProblem;
  const alike = problems.every((p) => p.failure === first.failure && p.detail === first.detail);
  const what = alike ? `${first.failure} (${first.detail})` : problems.map((p) => `${p.type} ${p.failure} (${p.detail})`).join(', ');

  const consequences: string[] = [];
  const shadowedBy = (fam: Family) => earlier.find((h) => hostFailures(h)[fam.key] !== null);
  const reached = families.filter((fam) => shadowedBy(fam) === undefined);
  if (reached.length > 0) {
    const notMatched = isMx && earlier.length > 0 ? ` and not matched by an earlier MX host (${hostNames(earlier)})` : '';
    consequences.push(`receivers give temperror to ${reached.map((fam) => fam.clients).join(' and ')} clients reaching this term${notMatched}, and defer or reject their mail`);
  }
  for (const fam of families) {
    const before = shadowedBy(fam);
    if (before) consequences.push(`${fam.clients} clients never get this far: the ${fam.type} question for ${before.name}, asked before it, fails first`);
  }
  const answered = FAMILIES.filter((fam) => failed[fam.key] === null);
  if (answered.length === 1 && answered[0]) {
    consequences.push(`${answered[0].clients} clients are not affected by it (its ${answered[0].type} question answered)`);
  }
  const rule = isMx ? 'RFC 7208 §5, §5.4' : 'RFC 7208 §5, §5.3';
  const message = `${questions} (${place}) failed: ${what}; ${consequences.join('; ')} (${rule})`;

  const types = problems.map((p) => p.type).join(' and ');
  // RFC 4074: servers that answer one address type but time out or fail on the other are a known misbehaviour
  const oneFamily =
    answered.length === 1 && host.ip4Failure !== undefined && host.ip6Failure !== undefined
      ? `: it answers ${answered[0]?.type ?? ''} questions, so its servers mishandle ${types} ones (RFC 4074); a name without ${types} records must get an empty answer (NOERROR, no data)`
      : ' (check its authoritative servers)';
  const instead = isMx ? `replace '${term.text}' with ip4/ip6 terms for the hosts that send mail` : 'stop referring to it';
  const fix = `Make ${host.name} answer ${types} questions reliably${oneFamily}, or ${instead}.`;
  return { message, fix };
}
