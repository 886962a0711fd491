// Types for knot.mjs (Knot DNS on loopback for the interop suite and the benchmarks).

export interface KnotZone {
  /** Zone apex without the trailing dot. */
  origin: string;
  /** Absolute path of the zone file. */
  file: string;
  /** Knot signs the zone itself (automatic signing, one CSK of this algorithm; NSEC3 when asked). */
  signing?: { algorithm: 'rsasha256' | 'rsasha512' | 'ecdsap256sha256' | 'ecdsap384sha384' | 'ed25519'; nsec3?: boolean };
  /** false: serve the zone without Knot's semantic checks (a presigned zone whose signatures are meant to fail). */
  semanticChecks?: boolean;
}

export interface KnotServer {
  readonly address: '127.0.0.1';
  readonly port: number;
  /** The listener as a resolver's server spec. */
  readonly server: { address: '127.0.0.1'; port: number; family: 4 };
  readonly zones: readonly KnotZone[];
  /** The temporary folder holding knot.conf, the databases and the run directory. */
  readonly dir: string;
  /** What knotd wrote to stderr so far (warnings and errors). */
  log(): string;
  /**
   * Queries the server has received since it started (mod-stats request-protocol, all zones), or null
   * when started without `stats`, when knotc is unavailable or when the counters cannot be read.
   */
  queriesReceived(): Promise<number | null>;
  stop(): Promise<void>;
}

export interface StartKnotOptions {
  /** Folders whose `*.zone` files are served (unless `zones` is given). */
  zoneDirs?: readonly string[];
  /** The zones to serve, each with its file: for layouts whose file names do not name the zones. */
  zones?: readonly KnotZone[];
  /** knotd to run; default: $KNOTD, then knotd on $PATH, /usr/sbin, /usr/local/sbin, /sbin. */
  knotd?: string;
  /** How long to wait for every zone to answer its SOA. Default 20 s. */
  readyTimeoutMs?: number;
  /** Turn on mod-stats so that queriesReceived() can count queries. Default off. */
  stats?: boolean;
  /** The error when knotd is not installed. Default KNOT_MISSING. */
  missingMessage?: string;
}

/** How to install Knot, for the error when knotd is missing. */
export const KNOT_MISSING: string;

/** The path of an executable `name` on $PATH or the sbin folders Debian uses, or null. */
export function findExecutable(name: string): string | null;

/** knotd from $KNOTD or the usual places, or null when Knot DNS is not installed. */
export function findKnotd(): string | null;

/** Every `*.zone` file in the folders, sorted by origin; two files for one origin is an error. */
export function zoneFilesIn(folders: readonly string[]): Promise<KnotZone[]>;

/** knot.conf (Knot DNS 3.x YAML): one listener, no DNSSEC, no zone-file write-back, no journal; mod-stats when asked. */
export function knotConfig(dir: string, port: number, zones: readonly KnotZone[], options?: { stats?: boolean }): string;

/** Start knotd serving the zone folders; resolves once every zone answers its SOA. */
export function startKnot(options: StartKnotOptions): Promise<KnotServer>;
