// A resolver for tests of the layers above it: answers from a script, records every question,
// and can hold its answers back until `release()` (to test questions in flight).

import type { DnsAnswer, QueryOptions, Resolver, RRType } from '../../src/dns/types.js';

export class ScriptedResolver implements Resolver {
  readonly asked: string[] = [];
  private gate: Promise<void> = Promise.resolve();
  private open: () => void = () => undefined;

  constructor(private readonly script: (name: string, type: RRType) => DnsAnswer) {}

  /** Answers wait from now on until release(). */
  hold(): void {
    this.gate = new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
  }

  async query<T extends RRType>(name: string, type: T, _options?: QueryOptions): Promise<DnsAnswer<T>> {
    this.asked.push(`${name} ${type}`);
    await this.gate;
    return this.script(name, type) as DnsAnswer<T>;
  }
}
