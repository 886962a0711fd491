// Lay the pieces out as records: the top record at the domain and, when it does not fit one DNS answer,
// chained records `<prefix>1.<domain>`, `<prefix>2.<domain>`, … An `include:` passes on only its target's
// pass (RFC 7208 §5.2), so a run of terms moved into a chain is written there with `+` and the run's own
// qualifier goes on the `include:` in the top record (`-include:_spf2.example.com` fails exactly the
// addresses `_spf2` passes). A chained record that is full includes the next one of the same run.
// Every answer must fit `udpSize` bytes (RFC 7208 §3.4); each include costs one lookup (§4.6.4).
import type { TXTRecord } from '../dns/types.js';
import { answerBytes, needsEdns } from './txt-size.js';
import { cidrMechanism, type EmitPiece } from './emit-order.js';
import type { Qualifier } from '../spf/types.js';

export interface PackInput {
  domain: string;
  prefix: string;
  udpSize: number;
  /** The domain's TXT records other than SPF: they share the top record's answer. */
  otherTxt: TXTRecord[];
  pieces: EmitPiece[];
  /** The last term(s): `-all`, `redirect=…`, or nothing. */
  final: string | null;
  exp: string | null;
}

export interface PackedRecord {
  name: string;
  text: string;
}

export type PackResult =
  | { ok: true; root: PackedRecord; chain: PackedRecord[]; rootOversize: boolean }
  | { ok: false; message: string };

interface RunLayout {
  qualifier: Qualifier;
  /** Terms written in the top record. */
  inline: string[];
  /** Terms moved into chained records. */
  moved: string[];
}

type Layout = ({ kind: 'run'; run: RunLayout } | { kind: 'kept'; text: string })[];

const qualified = (q: Qualifier, term: string): string => (q === '+' ? term : `${q}${term}`);

export function chainName(prefix: string, n: number, domain: string): string {
  return `${prefix}${n}.${domain}`;
}

/** The chained records of every run with moved terms, numbered in order; each run's head name. */
function packChains(input: PackInput, layout: Layout): { chain: PackedRecord[]; heads: Map<RunLayout, string> } | string {
  const chain: PackedRecord[] = [];
  const heads = new Map<RunLayout, string>();
  for (const piece of layout) {
    if (piece.kind !== 'run' || piece.run.moved.length === 0) continue;
    heads.set(piece.run, chainName(input.prefix, chain.length + 1, input.domain));
    let rest = piece.run.moved;
    while (rest.length > 0) {
      const name = chainName(input.prefix, chain.length + 1, input.domain);
      const next = chainName(input.prefix, chain.length + 2, input.domain);
      const fits = (text: string): boolean => answerBytes(name, text, [], needsEdns(input.udpSize)) <= input.udpSize;
      const all = ['v=spf1', ...rest].join(' ');
      if (fits(all)) {
        chain.push({ name, text: all });
        break;
      }
      let take = 0;
      while (take < rest.length && fits(['v=spf1', ...rest.slice(0, take + 1), `include:${next}`].join(' '))) take++;
      if (take === 0) return `the term '${rest[0] ?? ''}' does not fit a ${input.udpSize}-byte answer at ${name}`;
      chain.push({ name, text: ['v=spf1', ...rest.slice(0, take), `include:${next}`].join(' ') });
      rest = rest.slice(take);
    }
  }
  return { chain, heads };
}

function rootText(input: PackInput, layout: Layout, heads: Map<RunLayout, string>): string {
  const terms = ['v=spf1'];
  for (const piece of layout) {
    if (piece.kind === 'kept') {
      terms.push(piece.text);
      continue;
    }
    const { run } = piece;
    for (const term of run.inline) terms.push(qualified(run.qualifier, term));
    const head = heads.get(run);
    if (head) terms.push(qualified(run.qualifier, `include:${head}`));
  }
  if (input.final) terms.push(input.final);
  if (input.exp) terms.push(input.exp);
  return terms.join(' ');
}

function runBytes(run: RunLayout): number {
  return run.inline.reduce((n, t) => n + t.length + 1, 0);
}

export function packRecords(input: PackInput): PackResult {
  const layout: Layout = input.pieces.map((p) =>
    p.kind === 'kept' ? { kind: 'kept', text: p.term.text } : { kind: 'run', run: { qualifier: p.run.qualifier, inline: p.run.cidrs.map(cidrMechanism), moved: [] } },
  );
  const runs = layout.flatMap((p) => (p.kind === 'run' ? [p.run] : []));
  const build = (): { root: PackedRecord; chain: PackedRecord[]; fits: boolean } | string => {
    const packed = packChains(input, layout);
    if (typeof packed === 'string') return packed;
    const text = rootText(input, layout, packed.heads);
    return { root: { name: input.domain, text }, chain: packed.chain, fits: answerBytes(input.domain, text, input.otherTxt, needsEdns(input.udpSize)) <= input.udpSize };
  };

  // 1. Move whole runs out of the top record, largest first, until it fits.
  let built = build();
  while (typeof built !== 'string' && !built.fits) {
    const victim = runs.filter((r) => r.inline.length > 0).sort((a, b) => runBytes(b) - runBytes(a))[0];
    if (!victim) break;
    victim.moved = [...victim.inline, ...victim.moved];
    victim.inline = [];
    built = build();
  }
  if (typeof built === 'string') return { ok: false, message: built };
  // 2. Bring terms back while the top record still fits and the chain does not grow.
  if (built.fits) {
    for (const run of runs) {
      while (run.moved.length > 0) {
        const before = built;
        const term = run.moved.shift() as string;
        run.inline.push(term);
        const next = build();
        if (typeof next === 'string' || !next.fits || next.chain.length > before.chain.length) {
          run.inline.pop();
          run.moved.unshift(term);
          break;
        }
        built = next;
      }
    }
    built = build();
    if (typeof built === 'string') return { ok: false, message: built };
  }
  // Other TXT records alone may fill the answer: the top record is then as small as it can be.
  return { ok: true, root: built.root, chain: built.chain, rootOversize: !built.fits };
}
