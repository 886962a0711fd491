// One question answered through a transport that sends one DNS message and returns one response
// (UDP/TCP or DoH). Follows the CNAME chain, asking again for the target when the response
// stopped at it (a server that is not recursive for the target's zone), bounded and loop-checked.

import { nameKey } from '../model/names.js';
import type { CnameLink, DnsAnswer, FailureKind, QueryOptions, RRSIGRecord, RRType, SignedMaterial } from './types.js';
import { typedRecords, type DnsMessage } from './message.js';
import { interpretResponse } from './interpret-response.js';
import { parseName, withoutTrailingDot } from './wire-name.js';

export type ExchangeOutcome =
  | { kind: 'response'; message: DnsMessage; server: string }
  | { kind: 'failure'; failure: FailureKind; detail: string };

/** Shared by every exchange of one question, so that CNAME re-asks count against one deadline. */
export interface ExchangeContext {
  signal: AbortSignal | undefined;
  /** When the question's overall deadline passes (ms since the epoch); set by the first exchange. */
  deadlineAt: number | null;
  /** Ask with DO and CD (QueryOptions.dnssec). */
  dnssec: boolean;
}

export type Exchange = (name: string, type: RRType, context: ExchangeContext) => Promise<ExchangeOutcome>;

export function failureAnswer<T extends RRType>(
  name: string,
  type: T,
  cnameChain: CnameLink[],
  failure: FailureKind,
  detail: string,
): DnsAnswer<T> {
  return { kind: 'failure', name, type, cnameChain, failure, detail };
}

export async function resolveByExchange<T extends RRType>(
  exchange: Exchange,
  name: string,
  type: T,
  options?: QueryOptions,
): Promise<DnsAnswer<T>> {
  const parsed = parseName(name);
  if (!parsed.ok) return failureAnswer(withoutTrailingDot(name), type, [], 'invalid-name', parsed.reason);
  return chase(exchange, parsed.name, type, options);
}

/** RFC 4035 §3.1.1-§3.1.3: the signatures of the answer section and the authority section's proof. */
function signedMaterial(message: DnsMessage): SignedMaterial {
  const rrsigs = typedRecords(message.answers).filter((r): r is RRSIGRecord => r.type === 'RRSIG');
  return { rrsigs, authority: typedRecords(message.authorities) };
}

async function chase<T extends RRType>(exchange: Exchange, name: string, type: T, options: QueryOptions | undefined): Promise<DnsAnswer<T>> {
  const cnameChain: CnameLink[] = [];
  const seen = new Set([nameKey(name)]);
  const context: ExchangeContext = { signal: options?.signal, deadlineAt: null, dnssec: options?.dnssec === true };
  let current = name;
  // Each further round adds at least one link, and interpretResponse stops at MAX_CNAME_CHAIN.
  for (;;) {
    const outcome = await exchange(current, type, context);
    if (outcome.kind === 'failure') return failureAnswer(name, type, cnameChain, outcome.failure, outcome.detail);
    const step = interpretResponse(outcome.message, current, type, seen, cnameChain.length);
    cnameChain.push(...step.links);
    const signed = context.dnssec ? { signed: signedMaterial(outcome.message) } : {};
    switch (step.kind) {
      case 'records':
        return { kind: 'records', name, type, cnameChain, records: step.records, ...signed };
      case 'nxdomain':
      case 'nodata':
        return { kind: step.kind, name, type, cnameChain, ttl: step.ttl, ...signed };
      case 'failure':
        return failureAnswer(name, type, cnameChain, step.failure, `${outcome.server} (${current} ${type}): ${step.detail}`);
      case 'continue':
        current = step.target;
    }
  }
}
