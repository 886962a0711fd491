// Domain names and selectors typed on the command line, read by the one rule of
// src/model/domain-name.ts; a bad one is a usage error (exit 2) that names it.
import { checkDomainName } from '../model/domain-name.js';
import { UsageError } from '../model/usage-error.js';

/** A mail domain (`spf`, `dmarc`, `dkim`, `mx`, `flatten`, `audit`, `diff`); `what` names it in the message. */
export function domainArgument(text: string, what = 'domain'): string {
  const checked = checkDomainName(text, { what, mailDomain: true });
  if (!checked.ok) throw new UsageError(checked.reason);
  return checked.name;
}

/** A DKIM selector or another name that may be a single label. */
export function nameArgument(text: string, what: string): string {
  const checked = checkDomainName(text, { what, mailDomain: false });
  if (!checked.ok) throw new UsageError(checked.reason);
  return checked.name;
}
