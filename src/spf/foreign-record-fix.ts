// A fix never asks the user to edit someone else's zone. A finding about a record the audited
// domain only includes (a provider's SPF record, reached through an include) gets a fix in two
// parts: what to ask the record's operator to change, and what the user can change in their own
// record meanwhile (src/org-domain/foreign-organization.ts says whose a name is).
import { foreignOrganization } from '../org-domain/foreign-organization.js';
import type { SpfFindingDraft } from './findings-draft.js';

/** Findings whose fix edits the record the evidence points at (the others' fixes are the user's own). */
const EDITS_THE_RECORD = new Set<SpfFindingDraft['id']>([
  'spf-multiple-records',
  'spf-syntax-error',
  'spf-include-loop',
  'spf-duplicate-include',
  'spf-include-without-spf',
  'spf-plus-all',
  'spf-neutral-all',
  'spf-no-all',
  'spf-ptr',
  'spf-wide-range',
  'spf-terms-after-all',
  'spf-redirect-with-all',
  'spf-string-too-long',
  'spf-record-too-large',
  'spf-void-lookup',
  'spf-mx-too-many-names',
]);

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

/** The draft with its fix addressed to the right people when the record is outside `root`'s organization. */
export function addressForeignFix(draft: SpfFindingDraft, root: string): SpfFindingDraft {
  const owner = draft.evidence.domain;
  const path = draft.evidence.path ?? [];
  if (draft.fix === null || owner === null || owner === undefined || !EDITS_THE_RECORD.has(draft.id) || foreignOrganization(root, owner) === null) return draft;
  // the first name on the include path after the root: the term in the user's own record
  const first = path.length > 1 ? (path[1] as string) : owner;
  const fix =
    `${owner} is not in your zone: ask its operator (the provider whose SPF record your record at ${root} reaches through ${first}) to ${lowerFirst(draft.fix.replace(/\.$/, ''))}. ` +
    `In your own record meanwhile: remove the include of ${first} if you no longer use that service, or use the include the provider documents today.`;
  return { ...draft, fix, edits: [] };
}
