// The typed config (authaudit.config.json), after validation. Paths are absolute, resolved
// against the folder that holds the config file. Documented in fixtures/schemas/authaudit-config.schema.json.
import type { FailOn } from '../cli/command.js';

export const CONFIG_FILE_NAME = 'authaudit.config.json';

export interface DomainConfig {
  /** The domain, in ASCII (A-labels), without a trailing dot. */
  domain: string;
  /** DKIM selectors for this domain; null means "use the top-level selectors, or discover". */
  selectors: string[] | null;
}

export interface DkimPair {
  domain: string;
  selector: string;
}

/** A sending profile kept in its own file (read by the predict command). */
export interface ProfileFileConfig {
  kind: 'file';
  path: string;
}

/** A sending profile written inline; the fields mirror `authaudit predict`'s options. */
export interface ProfileInlineConfig {
  kind: 'inline';
  name: string | null;
  /** RFC 5322 From address. */
  from: string;
  /** RFC 5321 MAIL FROM; null means the From address. */
  mailFrom: string | null;
  helo: string | null;
  dkim: DkimPair[];
  ips: string[];
  /** Messages a day, for bulk-sender rules. */
  volume: number | null;
}

export type ProfileConfig = ProfileFileConfig | ProfileInlineConfig;

export interface ResolverConfig {
  /** As `--resolver` takes them: `192.0.2.1`, `192.0.2.1:5353`, `[2001:db8::1]:53`. */
  servers: string[];
  doh: string | null;
  /** Per-query time-out in milliseconds. */
  timeout: number | null;
}

export interface AuthauditConfig {
  /** Absolute path of the file this came from. */
  file: string;
  domains: DomainConfig[];
  /** Default DKIM selectors for every domain. */
  selectors: string[];
  /** Addresses whose forward-confirmed reverse DNS the audit checks. */
  ips: string[];
  profiles: ProfileConfig[];
  /** Finding ids (or `prefix-*`) to leave out. */
  ignore: string[];
  failOn: FailOn | null;
  resolver: ResolverConfig;
  zone: string[];
  overlay: string[];
}
