// A token bucket: `rate` tokens a second, at most `capacity` saved up; take() resolves when a token
// is free, in the order asked. One timer per bucket wakes the waiting askers; none runs while idle.

export class TokenBucket {
  private tokens: number;
  private last: number;
  private readonly waiting: Array<() => void> = [];
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly rate: number,
    readonly capacity: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    if (!(rate > 0) || !(capacity >= 1)) throw new RangeError(`token bucket needs rate > 0 and capacity >= 1 (got ${rate}, ${capacity})`);
    this.tokens = capacity;
    this.last = now();
  }

  take(): Promise<void> {
    this.refill();
    if (this.waiting.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      this.waiting.push(resolve);
      this.schedule();
    });
  }

  /** Askers waiting for a token (for tests). */
  get queued(): number {
    return this.waiting.length;
  }

  private refill(): void {
    const t = this.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((t - this.last) * this.rate) / 1000);
    this.last = t;
  }

  private schedule(): void {
    if (this.timer !== null) return;
    const wait = Math.max(1, Math.ceil(((1 - this.tokens) * 1000) / this.rate));
    this.timer = setTimeout(() => {
      this.timer = null;
      this.refill();
      while (this.waiting.length > 0 && this.tokens >= 1) {
        this.tokens -= 1;
        this.waiting.shift()?.();
      }
      if (this.waiting.length > 0) this.schedule();
    }, wait);
  }
}
