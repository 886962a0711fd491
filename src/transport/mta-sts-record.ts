// The `_mta-sts.<domain>` TXT record (RFC 8461 §3.1), parsed whole: `v=STSv1`, `id` of 1-32
// alphanumerics, extension fields.
//
//   sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
//   sts-version     = %s"v=STSv1"
//   sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
import { readVersionedFields, type FieldProblem } from './sts-fields.js';

export interface MtaStsRecord {
  text: string;
  /** The policy instance id, when well-formed. */
  id: string | null;
  problems: FieldProblem[];
}

const RULE = 'RFC 8461 §3.1';

export function parseMtaStsRecord(text: string): MtaStsRecord {
  const { tags, problems } = readVersionedFields(text, 'STSv1', RULE, ['id']);
  const idTag = tags.find((t) => t.name === 'id');
  let id: string | null = null;
  if (idTag === undefined) problems.push({ position: text.length, message: `the record has no "id" field (${RULE})` });
  else if (!/^[A-Za-z0-9]{1,32}$/.test(idTag.value)) problems.push({ position: idTag.valuePosition, message: `id "${idTag.value}" is not 1 to 32 letters and digits (${RULE})` });
  else id = idTag.value;
  return { text, id, problems: dedupe(problems) };
}

function dedupe(problems: FieldProblem[]): FieldProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => (seen.has(p.message) ? false : (seen.add(p.message), true))).sort((a, b) => a.position - b.position);
}
