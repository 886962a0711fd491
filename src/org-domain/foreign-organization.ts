// Whose zone a name is in, as far as a fix is concerned: a fix never asks the user to edit someone
// else's zone. A name is the user's when its organizational domain (RFC 9989 §4.8, by the PSL) is
// the audited domain's; otherwise it belongs to another organization (a provider).
import { pslOrganizationalDomain } from './psl.js';

/** The organizational domain of `name` when it is not `domain`'s, else null (the user's own). */
export function foreignOrganization(domain: string, name: string): string | null {
  const own = pslOrganizationalDomain(domain);
  const theirs = pslOrganizationalDomain(name);
  return theirs !== null && theirs !== own ? theirs : null;
}
