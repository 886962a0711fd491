// Domain-name checks that check_host() makes before it asks DNS anything.

/** True when the name can be put in a DNS query: no empty label (except a trailing dot), labels of at most
 * 63 characters, at most 253 characters in all (RFC 1035 §2.3.4, RFC 7208 §4.3). */
export function isQueryableName(name: string): boolean {
  const end = name.endsWith('.') ? name.length - 1 : name.length;
  if (end === 0 || end > 253) return false;
  for (let start = 0; ; ) {
    const dot = name.indexOf('.', start);
    const stop = dot === -1 || dot > end ? end : dot;
    if (stop === start || stop - start > 63) return false;
    if (stop === end) return true;
    start = stop + 1;
  }
}

/**
 * RFC 7208 §4.3: the <domain> given to check_host() must be a well-formed, multi-label domain name;
 * otherwise the result is "none". A domain literal such as "[192.0.2.1]" is not a domain name.
 */
export function checkHostDomainProblem(domain: string): string | null {
  if (domain.startsWith('[')) return `'${domain}' is an address literal, not a domain name`;
  if (!isQueryableName(domain)) return `'${domain}' is not a well-formed domain name (empty or over-long label)`;
  const n = domain.endsWith('.') ? domain.slice(0, -1) : domain;
  if (!n.includes('.')) return `'${domain}' is not a multi-label domain name`;
  return null;
}

/** Drop one trailing dot (names are passed around without it). */
export function withoutTrailingDot(name: string): string {
  return name.endsWith('.') ? name.slice(0, -1) : name;
}
