// The scan's input reader: one domain per line, # comments, or CSV with a domain column.
import { describe, expect, it } from 'vitest';
import { csvFields, inputItems, type InputItem } from '../../src/scan/input-lines.js';
import { LruMap } from '../../src/dns/lru-map.js';
import { TokenBucket } from '../../src/dns/token-bucket.js';
import { burstOf, createServerPacer, isLoopbackServer } from '../../src/dns/server-pacer.js';

async function read(text: string): Promise<InputItem[]> {
  async function* lines() {
    yield* text.split('\n');
  }
  const out: InputItem[] = [];
  for await (const item of inputItems(lines())) out.push(item);
  return out;
}

describe('inputItems', () => {
  it('reads one domain per line, lower-cased, passing over blanks and comments, with line numbers', async () => {
    expect(await read('\uFEFF# header comment\nShop.Example.\n\n  cafe.example  # trailing\n#x\nbad..name')).toEqual([
      { line: 2, ok: true, domain: 'shop.example' },
      { line: 4, ok: true, domain: 'cafe.example' },
      { line: 6, ok: false, reason: "domain 'bad..name' has an empty label" },
    ]);
  });

  it('reads the domain column of CSV with a header, quoted fields included', async () => {
    expect(await read('id,Domain,note\n1,shop.example,"a, b"\n2,"cafe.example",x\n3,,y')).toEqual([
      { line: 2, ok: true, domain: 'shop.example' },
      { line: 3, ok: true, domain: 'cafe.example' },
      { line: 4, ok: false, reason: 'no value in the domain column (column 2)' },
    ]);
    expect(csvFields('a,"b ""c"", d",,e')).toEqual(['a', 'b "c", d', '', 'e']);
  });

  it('takes a first line without a domain column for a domain', async () => {
    expect((await read('shop.example,cafe.example'))[0]).toMatchObject({ line: 1, ok: false });
  });
});

describe('LruMap', () => {
  it('holds at most max entries; an entry read once per generation stays, one not read goes', () => {
    const map = new LruMap<string, number>(4);
    map.set('provider', 0);
    for (let i = 0; i < 100; i++) {
      map.set(`customer${i}`, i);
      expect(map.get('provider')).toBe(0);
      expect(map.size).toBeLessThanOrEqual(4);
    }
    expect(map.has('customer0')).toBe(false);
    expect(map.get('customer99')).toBe(99);
    expect(map.delete('provider')).toBe(true);
    expect(map.get('provider')).toBeUndefined();
    expect(() => new LruMap(1)).toThrow(RangeError);
  });
});

describe('TokenBucket and the server pacer', () => {
  it('gives its capacity at once and then one token per 1/rate seconds of its clock', async () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    await bucket.take();
    await bucket.take();
    let third = false;
    void bucket.take().then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    expect(bucket.queued).toBe(1);
    now = 100; // one token's worth of time on the bucket's clock
    await new Promise((r) => setTimeout(r, 150));
    expect(third).toBe(true);
  });

  it('leaves loopback servers alone unless the rate is named for them too', async () => {
    const loop = { address: '127.0.0.1', port: 53, family: 4 as const };
    expect(isLoopbackServer(loop)).toBe(true);
    expect(isLoopbackServer({ address: '192.0.2.1', port: 53, family: 4 })).toBe(false);
    expect(burstOf(300)).toBe(15);
    expect(burstOf(5)).toBe(1);
    const pacer = createServerPacer();
    pacer.setRate(1, false);
    for (let i = 0; i < 5; i++) await pacer.pace(loop); // never waits
    expect(() => pacer.setRate(0, false)).toThrow(RangeError);
  });
});
