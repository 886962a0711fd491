// check_host() evaluations per second on a warm cache, against mailauth 4.13.3's SPF check, on the same
// zones and client addresses, measured in the same run. Both resolvers answer from memory: ours with
// DnsAnswer values, mailauth's with node:dns-shaped arrays (and ENOTFOUND/ENODATA errors), each answer
// built once and then served from its own cache. After a warm-up of both, short rounds alternate
// between the two (who goes first swaps each round) and the ratio is the median of per-round ratios,
// so that JIT warm-up, GC and load from other processes do not favour either side.
import { spf as mailauthSpf } from 'mailauth/lib/spf/index.js';
import { checkHost, spfIdentity } from '../dist/spf/check-host.js';

const enc = (s) => new TextEncoder().encode(s);

// A realistic sending domain: its own ranges, a provider include chain, mx and a, a redirect.
const ZONE = {
  'example.com': {
    TXT: ['v=spf1 ip4:198.51.100.0/24 mx a:web.example.com include:_spf.mailer.example include:spf.crm.example ~all'],
    MX: [
      [10, 'mx1.example.com'],
      [20, 'mx2.example.com'],
    ],
  },
  'mx1.example.com': { A: ['203.0.113.10'], AAAA: ['2001:db8:10::10'] },
  'mx2.example.com': { A: ['203.0.113.11'] },
  'web.example.com': { A: ['203.0.113.20'] },
  '_spf.mailer.example': {
    TXT: ['v=spf1 include:_netblocks.mailer.example include:_netblocks2.mailer.example ip6:2001:db8:1000::/36 ~all'],
  },
  '_netblocks.mailer.example': {
    TXT: ['v=spf1 ip4:35.190.247.0/24 ip4:64.233.160.0/19 ip4:66.102.0.0/20 ip4:66.249.80.0/20 ip4:72.14.192.0/18 ip4:74.125.0.0/16 ip4:108.177.8.0/21 ip4:173.194.0.0/16 ip4:209.85.128.0/17 ip4:216.58.192.0/19 ~all'],
  },
  '_netblocks2.mailer.example': {
    TXT: ['v=spf1 ip6:2001:4860:4000::/36 ip6:2404:6800:4000::/36 ip6:2607:f8b0:4000::/36 ip6:2800:3f0:4000::/36 ~all'],
  },
  'spf.crm.example': { TXT: ['v=spf1 exists:%{i}._ip.%{h}._ehlo.%{d}._spf.crm.example redirect=_spf2.crm.example'] },
  '_spf2.crm.example': { TXT: ['v=spf1 ip4:192.0.2.0/25 -all'] },
  '192.0.2.77._ip.mail.client.example._ehlo.spf.crm.example._spf.crm.example': { A: ['127.0.0.2'] },
  'strict.example': { TXT: ['v=spf1 -all exp=explain.strict.example'] },
  'explain.strict.example': { TXT: ['%{c} is not allowed to send for %{d}'] },
};

// Client address, MAIL FROM, HELO: pass deep in the include chain, pass via mx, pass via exists,
// softfail after the whole chain, IPv6 through the chain, fail with an explanation.
const CASES = [
  ['209.85.220.41', 'news@example.com', 'mail.client.example'],
  ['203.0.113.11', 'news@example.com', 'mx2.example.com'],
  ['192.0.2.77', 'news@example.com', 'mail.client.example'],
  ['192.0.2.200', 'news@example.com', 'mail.client.example'],
  ['2607:f8b0:4001::5', 'news@example.com', 'mail.client.example'],
  ['198.51.100.9', 'bob@strict.example', 'mail.client.example'],
];

function lookup(name, type) {
  const key = name.toLowerCase().replace(/\.$/, '');
  const node = ZONE[key];
  return { exists: node !== undefined, data: node?.[type] };
}

/** Our Resolver: DnsAnswer values, built once per question and then served from memory. */
function ourResolver() {
  const cache = new Map();
  return {
    query(name, type) {
      const k = `${type} ${name.toLowerCase()}`;
      let answer = cache.get(k);
      if (!answer) {
        const { exists, data } = lookup(name, type);
        const base = { name, type, cnameChain: [] };
        if (!exists) answer = { ...base, kind: 'nxdomain', ttl: 300 };
        else if (!data) answer = { ...base, kind: 'nodata', ttl: 300 };
        else {
          const records = data.map((v) => {
            const r = { name, ttl: 300, type };
            if (type === 'TXT') return { ...r, strings: [enc(v)] };
            if (type === 'MX') return { ...r, preference: v[0], exchange: v[1] };
            if (type === 'PTR') return { ...r, target: v };
            return { ...r, address: v };
          });
          answer = { ...base, kind: 'records', records };
        }
        cache.set(k, answer);
      }
      return Promise.resolve(answer);
    },
  };
}

/** mailauth's resolver: (name, type) => Promise of node:dns-shaped data, or ENOTFOUND / ENODATA. */
function mailauthResolver() {
  const cache = new Map();
  return async (name, type) => {
    const k = `${type} ${name.toLowerCase()}`;
    let entry = cache.get(k);
    if (!entry) {
      const { exists, data } = lookup(name, type);
      if (!exists) entry = { code: 'ENOTFOUND' };
      else if (!data) entry = { code: 'ENODATA' };
      else if (type === 'TXT') entry = { data: data.map((v) => [v]) };
      else if (type === 'MX') entry = { data: data.map(([priority, exchange]) => ({ priority, exchange })) };
      else entry = { data };
      cache.set(k, entry);
    }
    if (entry.code) {
      const err = new Error(`${entry.code} ${name}`);
      err.code = entry.code;
      throw err;
    }
    return entry.data;
  };
}

/** Evaluations per second of `once` over `ms` milliseconds (called in batches of 50). */
async function measure(once, ms) {
  let n = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    for (let i = 0; i < 50; i++) await once(n++);
    now = performance.now();
  }
  return (n * 1000) / (now - start);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const WARM_ROUNDS = 3;
const ROUNDS = 9;
const ROUND_MS = 300;

export async function run() {
  const ours = ourResolver();
  const theirs = mailauthResolver();
  const oursOnce = async (i) => {
    const [ip, mailFrom, helo] = CASES[i % CASES.length];
    const { sender, domain } = spfIdentity(mailFrom, helo);
    await checkHost(ip, domain, sender, helo, { resolver: ours });
  };
  const theirsOnce = async (i) => {
    const [ip, mailFrom, helo] = CASES[i % CASES.length];
    await mailauthSpf({ ip, sender: mailFrom, helo, mta: 'mx.receiver.example', resolver: theirs });
  };

  // Both must agree on every case before their speed means anything.
  let disagreements = 0;
  for (const [ip, mailFrom, helo] of CASES) {
    const { sender, domain } = spfIdentity(mailFrom, helo);
    const a = await checkHost(ip, domain, sender, helo, { resolver: ours });
    const b = await mailauthSpf({ ip, sender: mailFrom, helo, mta: 'mx.receiver.example', resolver: theirs });
    const same = a.result === b.status.result;
    if (!same) disagreements++;
    console.log(`  ${ip.padEnd(18)} ${mailFrom.padEnd(20)} authaudit=${a.result.padEnd(9)} mailauth=${b.status.result.padEnd(9)} ${same ? 'same' : 'DIFFERENT'} (lookups ${a.lookups})`);
  }
  if (disagreements > 0) console.log(`  ${disagreements} case(s) disagree: the rates below do not compare like with like`);

  // Warm both caches and both JITs on every case, then alternate short rounds (swapping who goes
  // first) so that load from other processes and GC pauses fall on both sides alike; the ratio is
  // the median of the per-round ratios.
  for (let round = 0; round < WARM_ROUNDS; round++) {
    await measure(oursOnce, ROUND_MS);
    await measure(theirsOnce, ROUND_MS);
  }
  const oursRates = [];
  const theirRates = [];
  const ratios = [];
  for (let round = 0; round < ROUNDS; round++) {
    let a;
    let b;
    if (round % 2 === 0) {
      a = await measure(oursOnce, ROUND_MS);
      b = await measure(theirsOnce, ROUND_MS);
    } else {
      b = await measure(theirsOnce, ROUND_MS);
      a = await measure(oursOnce, ROUND_MS);
    }
    oursRates.push(a);
    theirRates.push(b);
    ratios.push(a / b);
  }
  const oursRate = median(oursRates);
  const theirRate = median(theirRates);
  const ratio = median(ratios);
  console.log(`${'authaudit checkHost'.padEnd(34)} ${oursRate.toFixed(0).padStart(9)} evaluations/s (median of ${ROUNDS} rounds)`);
  console.log(`${'mailauth 4.13.3 spf()'.padEnd(34)} ${theirRate.toFixed(0).padStart(9)} evaluations/s`);
  console.log(`ratio authaudit / mailauth: ${ratio.toFixed(2)}x (per-round ${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)}; target >= 3x)`);
  return { ours: oursRate, mailauth: theirRate, ratio };
}

if (import.meta.url === `file://${process.argv[1]}`) await run();
