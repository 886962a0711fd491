// A map that holds at most `max` entries and lets the least recently used go first, in constant time
// per operation: two generations of `max / 2` entries each (the "hashlru" scheme). New and recently
// read entries are in the young generation; when it is full it becomes the old one and the former
// old generation is dropped whole, so an entry survives as long as it is used at least once per
// generation. Reading an entry of the old generation moves it to the young one. (A Map used as an
// ordered list and trimmed at its head was quadratic in V8: each trim skips the deleted slots left
// at the front, and a 5,000-domain scan spent 6.5 s of 58 s there.)
//
// A bulk scan's answer cache is one: the names many domains share (providers' SPF includes, their
// DKIM hosts) are asked again and again and stay, while each customer's own names are let go.

/** What the answer cache needs of its store: a Map, or an LruMap. */
export interface KeyValueStore<K, V> {
  get(key: K): V | undefined;
  set(key: K, value: V): unknown;
  delete(key: K): boolean;
  readonly size: number;
}

export class LruMap<K, V> implements KeyValueStore<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();
  private readonly generation: number;

  constructor(readonly max: number) {
    if (!Number.isInteger(max) || max < 2) throw new RangeError(`an LRU map holds at least 2 entries, not ${max}`);
    this.generation = Math.floor(max / 2);
  }

  /** Entries held (at most `max`). */
  get size(): number {
    return this.young.size + this.old.size;
  }

  get(key: K): V | undefined {
    const value = this.young.get(key);
    if (value !== undefined || this.young.has(key)) return value;
    if (!this.old.has(key)) return undefined;
    const kept = this.old.get(key) as V;
    this.old.delete(key);
    this.put(key, kept);
    return kept;
  }

  has(key: K): boolean {
    return this.young.has(key) || this.old.has(key);
  }

  set(key: K, value: V): this {
    if (this.young.has(key)) this.young.set(key, value);
    else {
      this.old.delete(key);
      this.put(key, value);
    }
    return this;
  }

  delete(key: K): boolean {
    const young = this.young.delete(key);
    return this.old.delete(key) || young;
  }

  private put(key: K, value: V): void {
    if (this.young.size >= this.generation) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }
}
