// Uncompressed wire data read field by field (RFC 3597 §4: generic RDATA; RFC 4034 §3.1.7 and
// §4.1.1: names in RRSIG and NSEC RDATA are never compressed). Every read returns null when the
// data runs out, so a caller turns a short record into "not a valid record", never an exception.

import { joinNameLabels } from './domain-name.js';

export class WireReader {
  private offset = 0;
  constructor(private readonly data: Uint8Array) {}
  atEnd(): boolean {
    return this.offset === this.data.length;
  }
  bytes(n: number): Uint8Array | null {
    if (this.offset + n > this.data.length) return null;
    const out = this.data.slice(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }
  /** What is left, to the end of the data. */
  rest(): Uint8Array {
    return this.bytes(this.data.length - this.offset) as Uint8Array;
  }
  uint(n: number): number | null {
    const b = this.bytes(n);
    return b === null ? null : b.reduce((acc, x) => acc * 256 + x, 0);
  }
  /** An uncompressed wire name (RFC 3597 §4: no compression in generic RDATA). */
  name(): string | null {
    const labels: string[] = [];
    let total = 1;
    for (;;) {
      const n = this.uint(1);
      if (n === null || n > 63) return null;
      if (n === 0) break;
      const label = this.bytes(n);
      total += n + 1;
      if (label === null || total > 255) return null;
      labels.push(String.fromCharCode(...label));
    }
    return joinNameLabels(labels);
  }
}
