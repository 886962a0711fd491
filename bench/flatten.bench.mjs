// Flattening on fixture trees modelled on real provider layouts (fixtures/flatten/world, fixtures/demo):
// records, bytes and DNS lookups of the published result, against the smallest possible cover of the
// same results.
//   terms    CIDR terms written. The smallest possible is the optimum of optimal-rules.ts (fewest prefix
//            terms with first-match order, proven minimal in test/flatten/optimal-rules.test.ts); the
//            "exact merge" column is what merging each result class on its own gives (RFC 4632 §3.1
//            aggregation without using earlier terms or the final `all`), for comparison.
//   bytes    Record text published (all records, strings joined). Smallest: those optimal terms, the
//            kept terms and the final `all`/`exp=` in one record, with no `include:` of a chain.
//   records  Smallest: the bytes above spread over answers of at most 512 bytes.
//   lookups  Smallest: the kept terms' lookups plus one per chained record beyond the first.
import { loadZoneResolver } from '../dist/dns/zone-resolver.js';
import { flattenSpf } from '../dist/flatten/flatten.js';
import { answerBytes } from '../dist/flatten/txt-size.js';
import { expandSpf } from '../dist/spf/expand.js';
import { linearize } from '../dist/flatten/linearize.js';
import { finalClass, cidrMechanism } from '../dist/flatten/emit-order.js';
import { optimalRules } from '../dist/flatten/optimal-rules.js';

const WORLDS = [
  { path: 'fixtures/flatten/world', domains: ['acme.example', 'legacy.example', 'odd.example'] },
  { path: 'fixtures/demo', domains: ['megacorp.example', 'clinic.example', 'travel.example', 'cafe.example'] },
];
const UDP = 512;
const QUALIFIERS = ['+', '-', '~', '?'];

function union(a, b) {
  return { ip4: a.ip4.union(b.ip4), ip6: a.ip6.union(b.ip6) };
}

/** The smallest cover of the same results, and the per-class exact merge, from the linearized tree. */
function smallest(domain, lin, result) {
  const terms = [];
  let exactMerge = 0;
  let decided = null;
  const lastSegment = lin.pieces.map((p) => p.kind).lastIndexOf('segment');
  lin.pieces.forEach((piece, i) => {
    if (piece.kind === 'kept') return terms.push(piece.term.text);
    const fallThrough = i === lastSegment ? finalClass(lin) : null;
    for (const fam of ['ip4', 'ip6']) {
      const family = fam === 'ip4' ? 4 : 6;
      const classes = Object.fromEntries(QUALIFIERS.map((q) => [q, piece.classes[q][fam]]));
      const before = decided ? decided[fam] : piece.classes['+'][fam].difference(piece.classes['+'][fam]);
      for (const r of optimalRules(family, { classes, decidedBefore: before, fallThrough })) {
        terms.push(`${r.qualifier === '+' ? '' : r.qualifier}${cidrMechanism(r.cidr)}`);
      }
      for (const q of QUALIFIERS) if (q !== fallThrough) exactMerge += classes[q].toCidrs().length;
    }
    for (const q of QUALIFIERS) decided = decided ? union(decided, piece.classes[q]) : piece.classes[q];
  });
  const kept = lin.pieces.filter((p) => p.kind === 'kept').length;
  const tail = [lin.final.kind === 'all' ? `${lin.final.qualifier === '+' ? '' : lin.final.qualifier}all` : null, lin.final.kind === 'redirect' ? lin.final.kept.text : null, lin.exp].filter(Boolean);
  const text = ['v=spf1', ...terms, ...tail].join(' ');
  // room for record text in one 512-byte answer, once the header, question and RR overhead are paid
  const room = UDP - (answerBytes(domain, 'v=spf1') - 'v=spf1'.length);
  const records = Math.max(1, Math.ceil(text.length / room));
  return { terms: terms.length - kept, exactMerge, bytes: text.length, records, lookups: result.kept.reduce((n, k) => n + k.lookups, 0) + records - 1 };
}

const cell = (ours, best) => `${String(ours).padStart(4)} /${String(best).padEnd(4)}`;

export async function run() {
  console.log('Flattened result vs the smallest possible cover of the same results (ours / smallest).');
  console.log(`${'domain'.padEnd(17)} ${'original lookups'} | ${'records'.padEnd(10)} | ${'bytes'.padEnd(12)} | ${'lookups'.padEnd(10)} | ${'CIDR terms'.padEnd(10)}  | exact merge | proof`);
  for (const world of WORLDS) {
    const dns = await loadZoneResolver([world.path]);
    for (const domain of world.domains) {
      const result = await flattenSpf(domain, dns);
      if (result.status !== 'flattened') {
        console.log(`${domain.padEnd(17)} ${result.status}: ${result.refusals[0]?.message ?? ''}`);
        continue;
      }
      const published = result.records.filter((r) => r.role !== 'source');
      const bytes = published.reduce((n, r) => n + r.text.length, 0);
      const terms = result.ranges.ip4 + result.ranges.ip6;
      const expansion = await expandSpf(domain, dns, { checkType99: false });
      const best = smallest(domain, linearize(expansion.root, domain, []), result);
      console.log(
        `${domain.padEnd(17)} ${String(result.lookups.original).padStart(16)} | ${cell(published.length, best.records)} | ${String(bytes).padStart(5)} /${String(best.bytes).padEnd(5)}` +
          ` | ${cell(result.lookups.flattened, best.lookups)} | ${cell(terms, best.terms)}  | ${String(best.exactMerge).padStart(11)} | ${result.proof?.equivalent ? `proven at ${result.proof.addresses} addresses` : 'FAILED'}`,
      );
    }
  }
}
