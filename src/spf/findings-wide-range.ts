// When an authorized range is too wide to be a real sender's (finding `spf-wide-range`).

/**
 * RFC 7208 §5.6 sets no bound on prefix lengths; these thresholds are this project's, chosen against
 * what real senders publish:
 * - IPv4 /8 or wider (16.7 million addresses, a whole former class A network) is an error: no single
 *   mail operator sends from that many, and /1 or /0 is `+all` in disguise.
 * - IPv4 /9 to /12 (over a million addresses) is a warning: wider than any block the large mailbox
 *   providers publish (Microsoft 365's widest is a /14, Google's and Amazon SES's are narrower).
 * - IPv6 /16 or wider is an error: wider than any allocation a registry makes to one network.
 * - IPv6 /17 to /31 is a warning: more than a whole standard ISP allocation (/32), whereas the large
 *   providers publish /36 to /48.
 */
export const WIDE_RANGE = {
  ip4: { error: 8, warning: 12 },
  ip6: { error: 16, warning: 31 },
} as const;
