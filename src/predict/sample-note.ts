// What the report says about the sending addresses of a stream that gives none: samples of the ranges
// its SPF authorizes (a pool, often a provider's, shared with its other customers), or, when the SPF
// authorizes no range, why there is nothing to sample and what a prediction without an address leaves
// out. One sentence each, shared by the text and JSON reports.
import { nameKey } from '../model/names.js';
import type { SpfExpansion } from '../spf/expand-types.js';
import type { SampledRanges } from '../spf/sample-addresses.js';
import type { SpfResult } from '../spf/types.js';
import { RFC7208_LIMITS } from '../spf/limits.js';

const ASK = 'give --ip (or "ips" in a profile) with your own sending addresses for exact predictions';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function names(list: readonly string[]): string {
  const shown = list.slice(0, 3).join(', ');
  return list.length > 3 ? `${shown} and ${list.length - 3} more` : shown;
}

/** The note of a stream whose addresses are samples of `sampled`. */
export function samplesNote(sampled: SampledRanges): string {
  const domain = nameKey(sampled.domain);
  const n = sampled.samples.length;
  const through = [...new Set(sampled.samples.map((s) => nameKey(s.domain)))].filter((d) => d !== domain);
  const how = [`one per block${sampled.blocks > n ? `, ${n} of ${sampled.blocks} blocks` : ''}`, ...(through.length > 0 ? [`listed by ${names(through)}`] : [])].join(', ');
  const pool = through.length > 0 ? "a pool shared with the provider's other customers" : `addresses ${domain} lists itself, not necessarily the ones your mail leaves from`;
  const lost = sampled.blocksPastLimit > 0 ? ` ${plural(sampled.blocksPastLimit, 'block')} past the ${RFC7208_LIMITS.lookups}-lookup limit ${sampled.blocksPastLimit === 1 ? 'is' : 'are'} left out: receivers never reach ${sampled.blocksPastLimit === 1 ? 'it' : 'them'} (RFC 7208 §4.6.4).` : '';
  return (
    `no sending address given: ${n === 1 ? 'this address is a sample' : `these ${n} addresses are samples`} of the ranges ${domain}'s SPF authorizes (${how}), ${pool}: ${ASK}. ` +
    `A sample's reverse DNS is set by whoever holds its block, so what FCrDNS says about a sample is a fact about that pool, not about your mail.${lost}`
  );
}

/** Why `expansion` gives nothing to sample, for people. */
export function noSampleReason(expansion: SpfExpansion, sampled: SampledRanges, result: SpfResult | null): string {
  const root = expansion.root;
  const domain = nameKey(expansion.domain);
  switch (root.status) {
    case 'none':
      return root.noneReason === 'nxdomain' ? `${domain} does not exist` : `${domain} publishes no SPF record`;
    case 'multiple':
      return `${domain} publishes ${root.records.length} SPF records, a permerror (RFC 7208 §4.5)`;
    case 'failure':
      return `the SPF lookup for ${domain} failed (${root.failure?.failure ?? 'DNS failure'})`;
    default:
      break;
  }
  if (root.parseErrors.length > 0) return `the SPF record of ${domain} has a syntax error, a permerror (RFC 7208 §4.6)`;
  if (sampled.blocksPastLimit > 0) return `every range it lists is past the ${RFC7208_LIMITS.lookups}-lookup limit (RFC 7208 §4.6.4)`;
  if (result === 'pass') return `its SPF passes every address without naming a range`;
  if (expansion.dependsOnMessage) return 'it authorizes addresses only through terms that depend on the message or the address (macros, ptr)';
  return `its SPF lists no ip4, ip6, a or mx range that passes`;
}

/** The note of a stream predicted without an address: `result` is what every address gets, null when it depends on the address. */
export function noSampleNote(domain: string, reason: string, result: SpfResult | null): string {
  const spf = result === null ? 'SPF unknown: it depends on the address' : `SPF ${result} for any address`;
  return (
    `no sending address given, and ${nameKey(domain)}'s SPF authorizes no address range to sample (${reason}): predicted without an address (${spf}); ` +
    `the rules that need one (reverse DNS, the IPv6 rules) are not evaluated: give --ip (or "ips" in a profile) with your sending addresses`
  );
}
