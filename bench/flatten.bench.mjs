// Flattening on the fixture trees (fixtures/flatten/world, modelled on real provider layouts): records,
// bytes and DNS lookups of the result, against the smallest possible cover of the same ranges: the
// minimal exact CIDR count of each result class (RFC 4632 §3.1) and the records and bytes it needs.
import { loadZoneResolver } from '../dist/dns/zone-resolver.js';
import { flattenSpf } from '../dist/flatten/flatten.js';
import { answerBytes } from '../dist/flatten/txt-size.js';
import { expandSpf } from '../dist/spf/expand.js';
import { linearize } from '../dist/flatten/linearize.js';
import { finalClass, cidrMechanism } from '../dist/flatten/emit-order.js';

const DOMAINS = ['acme.example', 'legacy.example', 'odd.example'];
const UDP = 512;

/**
 * The same decided ranges, each result class of each segment covered exactly by its minimal CIDR list
 * (no don't-care merging), packed as densely as bytes allow: fewest blocks, bytes and records.
 */
function lowerBound(domain, lin, result) {
  const terms = [];
  const last = lin.pieces.map((p) => p.kind).lastIndexOf('segment');
  lin.pieces.forEach((piece, i) => {
    if (piece.kind === 'kept') return terms.push(piece.term.text);
    for (const q of ['+', '-', '~', '?']) {
      if (i === last && q === finalClass(lin)) continue;
      for (const fam of ['ip4', 'ip6']) for (const c of piece.classes[q][fam].toCidrs()) terms.push(`${q === '+' ? '' : q}${cidrMechanism(c)}`);
    }
  });
  const text = ['v=spf1', ...terms].join(' ');
  // one answer holds at most UDP bytes: the fewest records the same terms can be spread over
  const perRecord = UDP - (answerBytes(`_spf1.${domain}`, 'v=spf1') - 'v=spf1'.length) - ` include:_spf1.${domain}`.length;
  const records = Math.max(1, Math.ceil(text.length / perRecord));
  const cidrs = terms.length - lin.pieces.filter((p) => p.kind === 'kept').length;
  return { cidrs, bytes: text.length, records, lookups: result.kept.reduce((n, k) => n + k.lookups, 0) + records - 1 };
}

export async function run() {
  const dns = await loadZoneResolver(['fixtures/flatten/world']);
  console.log('domain           | result: records bytes lookups cidrs | lower bound: records bytes lookups cidrs | original lookups');
  for (const domain of DOMAINS) {
    const result = await flattenSpf(domain, dns, { prove: false });
    const published = result.records.filter((r) => r.role !== 'source');
    const bytes = published.reduce((n, r) => n + r.text.length, 0);
    const cidrs = result.ranges.ip4 + result.ranges.ip6;
    const expansion = await expandSpf(domain, dns, { checkType99: false });
    const bound = lowerBound(domain, linearize(expansion.root, domain, []), result);
    console.log(
      `${domain.padEnd(16)} | ${String(published.length).padStart(7)} ${String(bytes).padStart(5)} ${String(result.lookups.flattened).padStart(7)} ${String(cidrs).padStart(5)} |` +
        ` ${String(bound.records).padStart(19)} ${String(bound.bytes).padStart(5)} ${String(bound.lookups).padStart(7)} ${String(bound.cidrs).padStart(5)} | ${result.lookups.original}` +
        `   (bytes ${(bytes / bound.bytes).toFixed(2)}x, records ${(published.length / bound.records).toFixed(2)}x the bound)`,
    );
  }
}
