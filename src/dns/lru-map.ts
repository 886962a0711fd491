// A Map that holds at most `max` entries and lets the least recently used go first: reading an entry
// (get) or writing it (set) makes it the most recent. Map keeps insertion order, so the least recent
// entry is always the first key. A bulk scan's answer cache is one: the names many domains share
// (providers' SPF includes, their DKIM hosts) are asked again and again and stay, while each
// customer's own names are asked once and are let go.
export class LruMap<K, V> extends Map<K, V> {
  constructor(readonly max: number) {
    super();
    if (!Number.isInteger(max) || max < 1) throw new RangeError(`an LRU map holds at least 1 entry, not ${max}`);
  }

  override get(key: K): V | undefined {
    if (!super.has(key)) return undefined;
    const value = super.get(key) as V;
    super.delete(key);
    super.set(key, value);
    return value;
  }

  override set(key: K, value: V): this {
    if (super.has(key)) super.delete(key);
    super.set(key, value);
    if (this.size > this.max) {
      const oldest = this.keys().next();
      if (oldest.done !== true) super.delete(oldest.value);
    }
    return this;
  }
}
