// Which reader a `--zone`/`--overlay` file needs, told by its extension and content:
// `.yaml`/`.yml` → octoDNS; `.json` with `format_version` and `resource_changes` → a Terraform/
// OpenTofu plan (`terraform show -json`); `.json` with `domains[].records` → dnscontrol IR
// (`dnscontrol print-ir`); any other JSON is an error naming the file; anything else is an
// RFC 1035 master file.

import { readJson } from '../model/json-source.js';
import { isDnscontrolIr } from './dnscontrol/read-dnscontrol-ir.js';
import { isTerraformPlan } from './terraform/read-plan.js';
import type { ZoneFileFormat } from './types.js';

/** The format by extension alone; JSON needs its content (jsonFormat). */
export function formatByExtension(path: string): ZoneFileFormat | 'json' {
  if (/\.ya?ml$/i.test(path)) return 'octodns';
  if (/\.json$/i.test(path)) return 'json';
  return 'master-file';
}

/** The JSON format of the text, or null when it is none authaudit reads (or no JSON at all: the reader says where). */
export function jsonFormat(text: string): 'terraform-plan' | 'dnscontrol-ir' | null {
  const result = readJson(text);
  if (!result.ok) return null;
  if (isTerraformPlan(result.source.value)) return 'terraform-plan';
  if (isDnscontrolIr(result.source.value)) return 'dnscontrol-ir';
  return null;
}
