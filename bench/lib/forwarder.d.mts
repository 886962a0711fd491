// Types for forwarder.mjs (the delaying DNS forwarder of the critical-path benchmark).

export interface ForwardedQuery {
  transport: 'udp' | 'tcp';
  /** Null when the message did not decode. */
  name: string | null;
  type: string | null;
}

export interface DelayingForwarder {
  readonly address: '127.0.0.1';
  readonly port: number;
  readonly server: { address: string; port: number; family: 4 };
  readonly queries: ForwardedQuery[];
  peakInFlight(): number;
  setDelay(ms: number): void;
  reset(): void;
  stop(): Promise<void>;
}

export function startDelayingForwarder(options: {
  upstream: { address: string; port: number; family?: 4 | 6 };
  delayMs: number;
  /** How the delay is spent (default setTimeout). */
  wait?: (ms: number) => Promise<void>;
}): Promise<DelayingForwarder>;
