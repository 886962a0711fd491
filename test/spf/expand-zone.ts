// Small zones for SPF tests: names are absolute (origin is the root), TTL 300 unless given.
import type { DnsAnswer, Resolver, RRType } from '../../src/dns/types.js';
import { ZoneResolver, type ZoneFailure } from '../../src/dns/zone-resolver.js';

export function zone(text: string, failures: ZoneFailure[] = []): ZoneResolver {
  return ZoneResolver.fromText(`$TTL 300\n${text}`, { origin: '.', file: 'test.zone', failures });
}

/** Records every question asked, in order. */
export class RecordingResolver implements Resolver {
  readonly asked: string[] = [];
  constructor(private readonly inner: Resolver) {}
  query<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
    this.asked.push(`${name} ${type}`);
    return this.inner.query(name, type);
  }
}

/**
 * Holds every answer until `release()`: shows which questions were asked before any answer arrived,
 * that is, which went out together.
 */
export class GatedResolver implements Resolver {
  readonly asked: string[] = [];
  private waiting: (() => void)[] = [];
  constructor(private readonly inner: Resolver) {}
  query<T extends RRType>(name: string, type: T): Promise<DnsAnswer<T>> {
    this.asked.push(`${name} ${type}`);
    return new Promise<void>((resolve) => this.waiting.push(resolve)).then(() => this.inner.query(name, type));
  }
  /** Let every question asked so far be answered; resolves once their answers have been handled. */
  async release(): Promise<void> {
    const now = this.waiting;
    this.waiting = [];
    for (const go of now) go();
    await new Promise((resolve) => setImmediate(resolve));
  }
  get held(): number {
    return this.waiting.length;
  }
}
