// A sending profile: how one stream of mail is sent (issue 5, "Input: a sending profile").
import { UsageError } from '../model/usage-error.js';
import type { ProviderId } from '../providers/types.js';

/** Messages per day to each provider; null when not given. */
export interface Volume {
  gmail: number | null;
  outlook: number | null;
  yahoo: number | null;
  /** Asked for with `--providers` (their rules publish no volume threshold; kept for the report). */
  icloud: number | null;
  gmx: number | null;
  laposte: number | null;
}

/** No volume given, for any provider. */
export const NO_VOLUME: Volume = { gmail: null, outlook: null, yahoo: null, icloud: null, gmx: null, laposte: null };

export interface DkimSigner {
  /** The signing domain (d=), lower-case ASCII. */
  domain: string;
  /** The selector (s=), lower-case ASCII. */
  selector: string;
}

export interface SendingProfile {
  /** The stream's name (`default` on the command line). */
  name: string;
  description: string | null;
  /** The RFC 5322 From address as given (or a bare domain). */
  from: string;
  fromDomain: string;
  /** The RFC 5321 MAIL FROM as given or defaulted; '' is the null sender `<>`. */
  mailFrom: string;
  /** Null for the null sender: SPF then checks the HELO name (RFC 7208 §2.4). */
  mailFromDomain: string | null;
  /** The HELO/EHLO name; null when not given. */
  helo: string | null;
  dkim: DkimSigner[];
  /**
   * Sending addresses, canonical (RFC 5952 for IPv6). Empty when none is given: the predictor then
   * takes samples of the ranges the MAIL FROM domain's SPF authorizes.
   */
  ips: string[];
  /** Messages a day to each provider. */
  volume: Volume;
  /** The providers to predict for this stream (`providers`: ids or "all"); null: the run's choice. */
  providers: readonly ProviderId[] | null;
}

/** Bad profile input (exit 2): names the file (or option) and the JSON path. Shown without a stack trace. */
export class ProfileError extends UsageError {
  override name = 'ProfileError';
  constructor(
    message: string,
    readonly problems: string[],
  ) {
    super(message);
  }
}
