// SPF records come back check after check and tree after tree (a provider's record is in the trees of
// hundreds of domains), so each is selected and parsed once. Both memos are pure: the selection is
// kept for the TXT answer object it was made from (a caching resolver hands the same object back for
// as long as it keeps the answer), the parse for the record's text, which is all the parse reads.
// Parses are shared read-only: nothing writes a parsed record. (Frozen, they cost check_host() and the
// expansion about 5%: code that meets frozen and unfrozen records of one shape runs polymorphic.)
import type { DnsAnswer } from '../dns/types.js';
import { LruMap } from '../dns/lru-map.js';
import { parseSpfRecord } from './parse.js';
import { selectSpfRecord } from './select-record.js';
import type { ParseResult, RecordSelection } from './types.js';

// bounded, the least recently used let go first: a scan of many domains meets every customer's record
// once and the providers' records in every tree, and memory stays flat however long it runs
const PARSE_MEMO_MAX = 2000;
const parses = new LruMap<string, ParseResult>(PARSE_MEMO_MAX);

/** `parseSpfRecord(text)`, made once per text. */
export function parseCached(text: string): ParseResult {
  let parsed = parses.get(text);
  if (!parsed) {
    parsed = parseSpfRecord(text);
    parses.set(text, parsed);
  }
  return parsed;
}

const selections = new WeakMap<DnsAnswer<'TXT'>, RecordSelection>();

/** RFC 7208 §4.5 record selection for a TXT answer, made once per answer object. */
export function selectCached(answer: DnsAnswer<'TXT'>): RecordSelection {
  let selection = selections.get(answer);
  if (!selection) {
    selection = selectSpfRecord(answer);
    selections.set(answer, selection);
  }
  return selection;
}
