// The typed config (authaudit.config.json), after validation. Paths are absolute, resolved
// against the folder that holds the config file. Documented in fixtures/schemas/authaudit-config.schema.json.
import type { FailOn } from '../findings/fail-on.js';
import type { SendingProfile } from '../profile/types.js';
import type { ProviderId } from '../providers/types.js';

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

/** A sending profile file named in the config (read by loadConfigProfiles). */
export interface ProfileFileConfig {
  kind: 'file';
  /** Absolute path. */
  path: string;
  /** Where the config names it, `file:line:column: $.profiles[i]`, for messages about the file. */
  origin: string;
}

/**
 * A sending profile written inline: the same object, and the same checks, as in a profile file.
 * `profile` is the checked profile; the other fields are the older flat view of it.
 */
export interface ProfileInlineConfig {
  kind: 'inline';
  /** The stream's name (given, or `default` / `profile-N` like in a profile file). */
  name: string | null;
  /** RFC 5322 From address (or bare domain), the domain normalized. */
  from: string;
  /** RFC 5321 MAIL FROM as given or defaulted (the From domain); '' is the null sender `<>`. */
  mailFrom: string | null;
  helo: string | null;
  dkim: DkimPair[];
  /** Canonical sending addresses. */
  ips: string[];
  /** Messages a day when the same to each provider; null when not given or per provider (see `profile.volume`). */
  volume: number | null;
  /** The checked profile, ready for predictions (per-provider volume and description included). */
  profile: SendingProfile;
  /** Where the config holds it, `file:line:column: $.profiles[i]`. */
  origin: string;
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
  /** The providers predict, audit and message predict for when --providers is not given (null: the default three). */
  providers: readonly ProviderId[] | null;
  /** Finding ids (or `prefix-*`) to leave out. */
  ignore: string[];
  failOn: FailOn | null;
  resolver: ResolverConfig;
  zone: string[];
  overlay: string[];
  /** The named.conf view whose zones `zone`/`overlay` read (like --view). */
  view: string | null;
  /**
   * The zone files the repository keeps (files or folders, absolute): `diff`'s default --head, and
   * the paths read at --base-ref. Not checked at load: a change may add or remove them.
   */
  zones: string[];
}
