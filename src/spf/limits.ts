// RFC 7208 §4.6.4: the limits a receiver puts on one check_host() evaluation, defined once. check_host(),
// the expansion and its outcome walk, the findings, the renderers and flattening all read them here.

export interface SpfLimits {
  /** DNS-querying terms (include, a, mx, ptr, exists, redirect): past this many, permerror (§4.6.4). */
  lookups: number;
  /** Void lookups (NXDOMAIN, or an answer without records): past this many, permerror (§4.6.4 SHOULD). */
  voidLookups: number;
  /** MX names one `mx` term may look up addresses for: more is permerror (§4.6.4). */
  mxNames: number;
  /** PTR names that `ptr` and %{p} look at: the first this many, the rest ignored (§4.6.4, §5.5). */
  ptrNames: number;
}

/**
 * RFC 7208 §4.6.4: at most 10 DNS-querying terms and (SHOULD) 2 void lookups per evaluation, and the
 * per-term sub-limits of 10 MX names for `mx` and 10 PTR names for `ptr` and %{p}.
 */
export const RFC7208_LIMITS: Readonly<SpfLimits> = Object.freeze({ lookups: 10, voidLookups: 2, mxNames: 10, ptrNames: 10 });
