// flattenSpf(): the expanded tree as the fewest records that authorize exactly the same addresses with
// the same results, proven with check_host() before it is returned.
//   expand (src/spf) -> linearize (evaluation order) -> emit (exact covers per result) -> pack (records
//   that fit one answer each) -> prove (check_host on both sides)
import { nameKey } from '../model/names.js';
import { joinTxt } from '../model/txt.js';
import type { DnsAnswer, Resolver } from '../dns/types.js';
import { withoutTrailingDot } from '../spf/check-host-names.js';
import { expandSpf } from '../spf/expand.js';
import { RFC7208_LIMITS } from '../spf/limits.js';
import { isSpfRecordText } from '../spf/parse.js';
import { selectSpfRecord } from '../spf/select-record.js';
import type { Qualifier } from '../spf/types.js';
import { cidrMechanism, emitPieces, type EmitPiece } from './emit-order.js';
import { frozenSources } from './frozen-ttls.js';
import { linearize, type Linearization } from './linearize.js';
import { chainName, packRecords } from './pack.js';
import { proveEquivalent } from './prove.js';
import { otherTxtRecords, proposedResolver, withSpfRecordAt } from './spf-overlay.js';
import { answerBytes, needsEdns } from './txt-size.js';
import { splitTxtStrings } from '../model/txt.js';
import {
  DEFAULT_MAX_LOOKUPS,
  DEFAULT_PREFIX,
  DEFAULT_TTL,
  DEFAULT_UDP_SIZE,
  type FlatRecord,
  type FlattenOptions,
  type FlattenRefusal,
  type FlattenResult,
  type KeptTerm,
} from './types.js';
import { checkVoidLookups } from './void-lookups.js';
import { txtZoneLine } from './zone-lines.js';

/** Where the owner's unflattened policy is kept once the flattened records are published. */
export function sourceRecordName(domain: string, prefix = DEFAULT_PREFIX): string {
  return `${prefix}-source.${withoutTrailingDot(domain)}`;
}

export function flatRecord(name: string, role: FlatRecord['role'], text: string, ttl: number, udpSize: number, others: DnsAnswer<'TXT'> | null = null): FlatRecord {
  const strings = splitTxtStrings(text);
  return {
    name,
    role,
    text,
    strings,
    ttl,
    answerBytes: answerBytes(name, text, others ? otherTxtRecords(others) : [], needsEdns(udpSize)),
    zoneLine: txtZoneLine(name, ttl, strings),
  };
}

function spfTtl(answer: DnsAnswer<'TXT'>): number | null {
  if (answer.kind !== 'records') return null;
  return answer.records.find((r) => isSpfRecordText(joinTxt(r.strings)))?.ttl ?? null;
}

function allTerm(q: Qualifier): string {
  return q === '+' ? 'all' : `${q}all`;
}

function emptyResult(domain: string, limit: number): FlattenResult {
  return {
    domain,
    status: 'refused',
    source: null,
    refusals: [],
    records: [],
    kept: [],
    frozen: [],
    lookups: { original: 0, flattened: 0, limit },
    ranges: { ip4: 0, ip6: 0 },
    all: null,
    exp: null,
    proof: null,
    warnings: [],
  };
}

interface Source {
  name: string;
  text: string;
}

async function findSource(resolver: Resolver, domain: string, prefix: string, rootAnswer: DnsAnswer<'TXT'>, given: string | undefined): Promise<Source | null> {
  const name = sourceRecordName(domain, prefix);
  if (given !== undefined) return { name, text: given };
  const published = selectSpfRecord(await resolver.query(name, 'TXT'));
  if (published.kind === 'record') return { name, text: published.text };
  const own = selectSpfRecord(rootAnswer);
  return own.kind === 'record' ? { name: domain, text: own.text } : null;
}

function keptTerms(pieces: readonly EmitPiece[], lin: Linearization): KeptTerm[] {
  const kept = pieces.flatMap((p) => (p.kind === 'kept' ? [p.term] : []));
  return lin.final.kind === 'redirect' ? [...kept, lin.final.kept] : kept;
}

export async function flattenSpf(domain: string, resolver: Resolver, options: FlattenOptions = {}): Promise<FlattenResult> {
  const name = nameKey(withoutTrailingDot(domain));
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  const maxLookups = options.maxLookups ?? DEFAULT_MAX_LOOKUPS;
  const udpSize = options.udpSize ?? DEFAULT_UDP_SIZE;
  const result = emptyResult(name, maxLookups);
  const refuse = (refusals: FlattenRefusal[]): FlattenResult => ({ ...result, status: 'refused', refusals });

  const rootAnswer = await resolver.query(name, 'TXT');
  const alias = rootAnswer.kind === 'failure' ? undefined : rootAnswer.cnameChain[rootAnswer.cnameChain.length - 1];
  if (alias) {
    const target = withoutTrailingDot(alias.target);
    return refuse([{ domain: name, term: null, message: `${name} is an alias (CNAME) of ${target}: no other record can be published beside a CNAME (RFC 1034 §3.6.2); flatten ${target} instead` }]);
  }
  const source = await findSource(resolver, name, prefix, rootAnswer, options.sourceRecord);
  if (!source) return refuse([{ domain: name, term: null, message: `${name} has no SPF record to flatten (RFC 7208 §4.5)` }]);
  result.source = { name: source.name, record: source.text };
  const ttl = options.ttl ?? spfTtl(rootAnswer) ?? DEFAULT_TTL;
  // the owner's policy in place at the domain, whichever name it was read from
  const original = source.name === name ? resolver : withSpfRecordAt(resolver, name, source.text, ttl);

  const expansion = await expandSpf(name, original, { checkType99: false });
  result.lookups.original = expansion.lookups.total;
  if (expansion.lookups.total <= maxLookups) {
    result.warnings.push(
      `${name} needs ${expansion.lookups.total} DNS lookups, within ${maxLookups} (RFC 7208 §4.6.4 allows ${RFC7208_LIMITS.lookups}): flattening is optional, and it freezes the providers' addresses`,
    );
  }
  const voids = checkVoidLookups(expansion);
  if (voids.refusal) return refuse([voids.refusal]);
  for (const d of voids.dead) {
    result.warnings.push(`'${d.term}' in ${d.domain} finds no address (a void lookup): it matches nothing and is left out; remove it from the source policy`);
  }
  const lin = linearize(expansion.root, name, options.keep ?? []);
  result.warnings.push(...lin.warnings);
  if (lin.refusals.length > 0) return refuse(lin.refusals);

  const pieces = emitPieces(lin);
  const final = lin.final.kind === 'all' ? allTerm(lin.final.qualifier) : lin.final.kind === 'redirect' ? lin.final.kept.text : null;
  const packed = packRecords({ domain: name, prefix, udpSize, otherTxt: otherTxtRecords(rootAnswer), pieces, final, exp: lin.exp });
  if (!packed.ok) return refuse([{ domain: name, term: null, message: packed.message }]);

  result.kept = keptTerms(pieces, lin);
  result.all = lin.final.kind === 'all' ? lin.final.qualifier : null;
  result.exp = lin.exp;
  const keptLookups = result.kept.reduce((n, k) => n + k.lookups, 0);
  result.lookups.flattened = keptLookups + packed.chain.length;
  for (const p of pieces) {
    if (p.kind !== 'run') continue;
    for (const c of p.run.cidrs) result.ranges[c.family === 4 ? 'ip4' : 'ip6']++;
  }
  if (result.lookups.flattened > maxLookups) {
    return refuse([
      {
        domain: name,
        term: null,
        message: `the flattened records need ${result.lookups.flattened} DNS lookups (${keptLookups} for kept terms, ${packed.chain.length} chained records), over the limit of ${maxLookups} (RFC 7208 §4.6.4 allows ${RFC7208_LIMITS.lookups})`,
      },
    ]);
  }
  const ownBytes = answerBytes(name, packed.root.text, [], needsEdns(udpSize));
  if (ownBytes > udpSize) {
    return refuse([{ domain: name, term: null, message: `the kept terms alone make a ${ownBytes}-byte answer at ${name}, over ${udpSize} (RFC 7208 §3.4)` }]);
  }
  const root = flatRecord(name, 'root', packed.root.text, ttl, udpSize, rootAnswer);
  if (packed.rootOversize) {
    result.warnings.push(
      `the TXT answer at ${name} is ${root.answerBytes} bytes with the other TXT records there, over ${udpSize}: receivers must retry over TCP (RFC 7208 §3.4); remove unused TXT records`,
    );
  }
  result.records = [
    root,
    ...packed.chain.map((r) => flatRecord(r.name, 'chain', r.text, ttl, udpSize)),
    flatRecord(sourceRecordName(name, prefix), 'source', source.text, ttl, udpSize),
  ];
  if (source.name === name && nameKey(source.text).includes(`include:${nameKey(chainName(prefix, 1, name))}`)) {
    result.warnings.push(`${name}'s record already includes ${chainName(prefix, 1, name)}: it looks flattened; publish the original policy at ${sourceRecordName(name, prefix)} so that flattening starts from the providers`);
  }
  if (result.kept.some((k) => k.reason === 'ptr')) {
    result.warnings.push('a ptr mechanism is kept: it is slow and unreliable, and RFC 7208 §5.5 says it SHOULD NOT be used');
  }
  result.frozen = await frozenSources(original, lin.frozen);
  for (const r of result.records.filter((x) => x.role === 'chain')) {
    const others = otherTxtRecords(await resolver.query(r.name, 'TXT'));
    if (others.length > 0) {
      result.warnings.push(`${r.name} already holds ${others.length} other TXT record(s): they would share its answer (RFC 7208 §3.4); choose another --prefix`);
    }
  }

  if (options.prove === false) {
    result.status = 'flattened';
    return result;
  }
  const flattened = proposedResolver(resolver, name, { text: root.text, ttl }, result.records.filter((r) => r.role === 'chain'));
  const written = pieces.flatMap((p) => (p.kind === 'run' ? p.run.cidrs.map((c) => cidrMechanism(c).replace(/^ip[46]:/, '')) : []));
  const proofInput = { domain: name, original, flattened, ranges: [...expansion.ranges.map((r) => r.cidr), ...written] };
  result.proof = await proveEquivalent(options.timeoutMs === undefined ? proofInput : { ...proofInput, timeoutMs: options.timeoutMs });
  if (result.proof.explanationMismatches.length > 0) {
    result.warnings.push(`${result.proof.explanationMismatches.length} address(es) get a different fail explanation (RFC 7208 §6.2)`);
  }
  // RFC 7208 §4.6.4: an original that gives permerror (void or MX limits, which flattening does not lift)
  // is already broken; flattening it would silently change that result.
  const broken = result.proof.mismatches.filter((m) => m.original === 'permerror');
  const first = broken[0];
  if (first) {
    const message = `the source policy gives permerror for ${broken.length} of the ${result.proof.addresses} probed addresses (${first.address}: ${first.detail ?? 'permerror'}); fix the record before flattening`;
    return { ...result, status: 'refused', refusals: [{ domain: name, term: null, message }], records: [] };
  }
  result.status = result.proof.equivalent ? 'flattened' : 'proof-failed';
  return result;
}
