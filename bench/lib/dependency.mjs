// The questions an audit of one sender needs, each with the round trip in which its answer can
// arrive at the earliest: a question whose name only an earlier answer gives (an include's target,
// an MX host, a PTR target) can go out only after that answer, so it comes one round later; a
// CNAME into another zone costs one more round (the authoritative server answers with the CNAME
// only, and the resolver asks again for the target). The dependency depth of a domain is the
// latest round among the questions its audit asks: the longest chain of questions that depend on
// each other's answers. Read from the generated world, independently of the audit's code.

const nameKey = (name) => name.toLowerCase().replace(/\.$/, '');
const pairKey = (name, type) => `${nameKey(name)}|${type}`;

/** Reverse-DNS name of an IPv4 address (RFC 1035 §3.5). */
const reverse4 = (ip) => `${ip.split('.').reverse().join('.')}.in-addr.arpa`;

/** Reverse-DNS name of an IPv6 address (RFC 3596 §2.5): 32 nibbles, lowest first. */
function reverse6(ip) {
  const [head, tail = ''] = ip.includes('::') ? ip.split('::') : [ip, null];
  const left = head === '' ? [] : head.split(':');
  const right = tail === null || tail === '' ? [] : tail.split(':');
  const groups = [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${[...groups.map((g) => g.padStart(4, '0')).join('')].reverse().join('.')}.ip6.arpa`;
}

/** The SPF record among TXT strings (RFC 7208 §4.5), or null when there is not exactly one. */
function spfRecord(records) {
  const found = records.map((r) => r.data).filter((t) => /^v=spf1( |$)/i.test(t));
  return found.length === 1 ? found[0] : null;
}

/** RFC 7208 §7: the macros this world uses, %{d} and %{i} (IPv4). */
function expandMacros(spec, domain, ip) {
  return spec.replace(/%\{d\}/g, domain).replace(/%\{i\}/g, ip);
}

/** Domain part of a `mailto:` URI in a DMARC rua/ruf tag. */
function reportDomains(dmarc) {
  const out = [];
  for (const tag of dmarc.split(';')) {
    const [key, value] = tag.split('=').map((s) => s?.trim() ?? '');
    if (key !== 'rua' && key !== 'ruf') continue;
    for (const uri of value.split(',')) {
      const m = /^mailto:[^@]+@([^!]+)/i.exec(uri.trim());
      if (m) out.push(nameKey(m[1]));
    }
  }
  return out;
}

/**
 * @param {ReturnType<import('./world.mjs').worldIndex>} index
 * @param {{ domain: string, ips: string[], selectors: string[] }} sender the audited domain, its sending
 *   addresses (IPv4) and DKIM selectors
 * @param {{ commonSelectors: readonly string[], wildcardProbe: string }} options
 * @returns {Map<string, { name: string, type: string, round: number, extra: number, from: string | null }>}
 *   by `name|type`: the round its answer arrives in, the rounds spent on cross-zone CNAMEs, and the
 *   question whose answer it waits for
 */
export function questionPlan(index, sender, options) {
  const plan = new Map();
  const domain = nameKey(sender.domain);
  /** In the audited domain (the worlds' domains are their own organizational domains). */
  const ownName = (name) => nameKey(name) === domain || nameKey(name).endsWith(`.${domain}`);
  /** The SPF tree's `a` hosts, and the names whose MX hosts it names with `mx`, in the domain. */
  const ownHosts = new Set();
  const ownMxOf = new Set();

  /** Rounds after `start` until the final answer, following CNAMEs; then the final records. */
  const resolve = (name, type) => {
    let current = nameKey(name);
    let extra = 0;
    for (let hops = 0; hops < 16; hops++) {
      const { cname, records } = index.lookup(current, type);
      if (cname === null) return { extra, records };
      // the authoritative server follows a CNAME inside its zone, not into another zone
      if (index.zoneOf(cname) !== index.zoneOf(current)) extra++;
      current = nameKey(cname);
    }
    return { extra, records: [] };
  };

  /**
   * Ask (name, type) once the answer to `from` (a `name|type` key, null for none) is known after
   * round `start`; `then` gets the round its answer arrives in (the earliest, when several checks
   * ask the same question), the records, and its own key.
   */
  const consumers = new Map();
  const ask = (name, type, start, then, from = null) => {
    const { extra, records } = resolve(name, type);
    const key = pairKey(name, type);
    if (!consumers.has(key)) consumers.set(key, []);
    const waiting = consumers.get(key);
    if (then !== undefined) waiting.push(then);
    const earlier = plan.get(key);
    const round = start + 1 + extra;
    if (earlier !== undefined && earlier.round <= round) {
      then?.(earlier.round, records, key);
      return;
    }
    // first asked, or asked earlier than thought: everything waiting on it can go earlier too
    plan.set(key, { name: nameKey(name), type, round, extra, from });
    for (const consumer of [...waiting]) consumer(round, records, key);
  };

  const addresses = (name, start, from) => {
    ask(name, 'A', start, undefined, from);
    ask(name, 'AAAA', start, undefined, from);
  };

  // forward-confirmed reverse DNS: the PTR, then each PTR name's addresses
  const reversePtr = (ip, start, from = null) => {
    const v6 = ip.includes(':');
    ask(v6 ? reverse6(ip) : reverse4(ip), 'PTR', start, (round, records, key) => records.forEach((r) => ask(r.data, v6 ? 'AAAA' : 'A', round, undefined, key)), from);
  };

  const mxHosts = (name, start, from = null) =>
    ask(
      name,
      'MX',
      start,
      (round, records, key) => {
        for (const r of records) if (r.data.exchange !== '') addresses(r.data.exchange, round, key);
      },
      from,
    );

  // SPF (RFC 7208): the expansion asks every term's question; check_host also the macro ones.
  const spf = (name, start, seen, from = null) => {
    const key = nameKey(name);
    if (seen.has(key)) return;
    const inner = new Set([...seen, key]);
    ask(name, 'TXT', start, (round, records, self) => {
      const text = spfRecord(records);
      if (text === null) return;
      for (const term of text.split(/\s+/).slice(1)) {
        const m = /^[+?~-]?(include|a|mx|exists|ptr|redirect)(?:[:=]([^/]+))?(?:\/\S*)?$/i.exec(term);
        if (m === null) continue;
        const kind = m[1].toLowerCase();
        // names with %{i} differ per sending address (only check_host asks them)
        for (const ip of m[2]?.includes('%{i}') ? sender.ips : [sender.ips[0] ?? '']) {
          const target = nameKey(expandMacros(m[2] ?? key, key, ip));
          if (kind === 'include' || kind === 'redirect') spf(target, round, inner, self);
          else if (kind === 'a') {
            addresses(target, round, self);
            if (ownName(target)) ownHosts.add(target);
          } else if (kind === 'mx') {
            mxHosts(target, round, self);
            if (ownName(target)) ownMxOf.add(target);
          }
          else if (kind === 'exists') ask(target, 'A', round, undefined, self);
        }
        if (kind === 'ptr') for (const ip of sender.ips) reversePtr(ip, round, self);
      }
    }, from);
  };
  spf(domain, 0, new Set());
  ask(domain, 'SPF', 0); // RFC 7208 §3.1: the type-99 record is noted
  // MX (RFC 5321 §5.1)
  mxHosts(domain, 0);
  ownMxOf.add(domain);

  // The forward-confirmed reverse DNS of the domain's own hosts (its SPF tree's `a` and `mx`
  // hosts in its own domain, its own MX hosts): which addresses those are is known only once the
  // whole SPF tree is (terms past the lookup limit do not count, RFC 7208 §4.6.4) and the MX hosts'
  // addresses are (the plan holds only those questions so far), so their PTR questions go out
  // after the last of those answers.
  const [lastKey, last] = [...plan].reduce((a, b) => (b[1].round > a[1].round ? b : a));
  const ownAddresses = new Set();
  const hostAddresses = (host) => ['A', 'AAAA'].flatMap((type) => index.lookup(host, type).records.map((r) => r.data));
  for (const host of ownHosts) for (const ip of hostAddresses(host)) ownAddresses.add(ip);
  for (const name of ownMxOf) {
    for (const mx of index.lookup(name, 'MX').records) {
      if (mx.data.exchange === '' || !ownName(mx.data.exchange)) continue;
      for (const ip of hostAddresses(mx.data.exchange)) ownAddresses.add(ip);
    }
  }
  for (const ip of ownAddresses) if (!sender.ips.includes(ip)) reversePtr(ip, last.round, lastKey);

  // DMARC (RFC 7489 §6.6.3, RFC 9989 §4.10): the domain, each name of the tree walk, existence,
  // and the report receivers' authorization records (RFC 7489 §7.1) once a record names them.
  const parts = domain.split('.');
  for (let i = 0; i < parts.length; i++) {
    const at = parts.slice(i).join('.');
    ask(`_dmarc.${at}`, 'TXT', 0, (round, records, self) => {
      for (const r of records) {
        if (!/^v=DMARC1/i.test(r.data)) continue;
        for (const dest of reportDomains(r.data)) {
          if (dest === at || dest.endsWith(`.${at}`)) continue;
          ask(`${at}._report._dmarc.${dest}`, 'TXT', round, undefined, self);
        }
      }
    });
  }
  for (const type of ['A', 'AAAA', 'MX', 'SOA']) ask(domain, type, 0);

  // DKIM (RFC 6376 §3.6.2.1): the _domainkey node, the wildcard probe, every common selector and
  // the profile's own selectors, all at once.
  ask(`_domainkey.${domain}`, 'TXT', 0);
  for (const selector of [options.wildcardProbe, ...options.commonSelectors, ...sender.selectors]) {
    ask(`${selector}._domainkey.${domain}`, 'TXT', 0);
  }

  // the sending addresses' forward-confirmed reverse DNS
  for (const ip of sender.ips) reversePtr(ip, 0);

  // BIMI (draft-brand-indicators-for-message-identification §7.2): the default selector's record
  // at the domain (the organizational domain only when that differs; here it never does); its
  // DMARC prerequisite is the DMARC answer above. MTA-STS (RFC 8461 §3.1, the policy host's
  // addresses) and TLS-RPT (RFC 8460 §3) records: asked at once, only their MX coverage waits.
  ask(`default._bimi.${domain}`, 'TXT', 0);
  ask(`_mta-sts.${domain}`, 'TXT', 0);
  addresses(`mta-sts.${domain}`, 0, null);
  ask(`_smtp._tls.${domain}`, 'TXT', 0);

  return plan;
}

/**
 * The dependency depth of the questions actually asked (`asked`: `name|type` keys), and the asked
 * questions the plan does not know (which would make the depth unreliable).
 */
export function dependencyDepth(plan, asked) {
  let depth = 0;
  const unplanned = [];
  for (const key of asked) {
    const entry = plan.get(key);
    if (entry === undefined) unplanned.push(key);
    else depth = Math.max(depth, entry.round);
  }
  return { depth, unplanned };
}

/** The deepest round of the whole plan (every question the audit might ask). */
export function planDepth(plan) {
  let depth = 0;
  for (const entry of plan.values()) depth = Math.max(depth, entry.round);
  return depth;
}

export { pairKey };
