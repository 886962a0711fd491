// Domain-name checks that check_host() makes before it asks DNS anything.

/** True when the name can be put in a DNS query: no empty label (except a trailing dot), labels of at most
 * 63 characters, at most 253 characters in all (RFC 1035 §2.3.4, RFC 7208 §4.3). */
export function isQueryableName(name: string): boolean {
  let ok = queryable.get(name);
  if (ok === undefined) {
    if (queryable.size >= 10_000) queryable.clear();
    ok = checkQueryable(name);
    queryable.set(name, ok);
  }
  return ok;
}

// Names come back check after check (the same records, the same hosts): each is checked once.
const queryable = new Map<string, boolean>();

function checkQueryable(name: string): boolean {
  const n = name.endsWith('.') ? name.slice(0, -1) : name;
  if (n.length === 0 || n.length > 253) return false;
  let start = 0;
  for (let i = 0; i <= n.length; i++) {
    if (i === n.length || n.charCodeAt(i) === 0x2e) {
      const len = i - start;
      if (len === 0 || len > 63) return false;
      start = i + 1;
    }
  }
  return true;
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
