// Organizational domains, both ways: the Public Suffix List (RFC 7489 §3.2) and the DNS tree walk (RFC 9989 §4.10).
export { pslOrganizationalDomain, publicSuffix, type PslOptions, type PslSections } from './psl.js';
export {
  treeWalkTargets,
  evaluateTreeWalk,
  walkDmarcTree,
  orgDomainFromSteps,
  MAX_TREE_WALK_QUERIES,
  type TreeWalk,
  type TreeWalkStop,
  type OrgDomainRule,
  type LookupFn,
} from './tree-walk.js';
export { organizationalDomain, type OrgDomainMethod, type OrgDomainResult } from './organizational-domain.js';
