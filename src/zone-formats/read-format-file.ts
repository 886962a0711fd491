// A `--zone`/`--overlay` input in a DNS-as-code format, read into the zone model: an octoDNS zone
// file or split-zone folder, a Terraform/OpenTofu plan (its `after` world: what the plan
// publishes), or dnscontrol IR. The zone layout (src/zone/zone-layout.ts) calls this for every
// path that is not an RFC 1035 master file.

import { basename, join } from 'node:path';
import type { FileSource } from '../zone/file-source.js';
import { zoneError } from '../zone/zone-file-error.js';
import { jsonFormat } from './detect-format.js';
import { readJsonDocument } from './json-document.js';
import { readDnscontrolIr } from './dnscontrol/read-dnscontrol-ir.js';
import { readOctodnsZone } from './octodns/read-octodns.js';
import { planWorld, readTerraformPlan } from './terraform/read-plan.js';
import type { FormatZones, ZoneFileFormat } from './types.js';

export interface FormatFile extends FormatZones {
  /** The zone it is named as (the first of the zones it holds). */
  zone: string;
  format: Exclude<ZoneFileFormat, 'master-file'>;
}

/** The zone an octoDNS file or split folder names: `example.com.yaml`, `example.com.` → `example.com`. */
export function octodnsZoneName(path: string): string {
  return basename(path).replace(/\.ya?ml$/i, '').replace(/\.$/, '');
}

/** An octoDNS zone file (`<zone>.yaml`: at least two dots in the name, as the YamlProvider lists them). */
export function isOctodnsZoneFileName(name: string): boolean {
  return /\.ya?ml$/i.test(name) && (name.match(/\./g) ?? []).length >= 2;
}

/** An octoDNS split-zone folder: `<zone>.` (split_extension '.'). */
export function isOctodnsSplitFolderName(name: string): boolean {
  return /[^.]\.$/.test(name) && name.includes('.');
}

/** Read a YAML or JSON file. `name` is from NAME=PATH. Throws ZoneFileError. */
export function readFormatFile(file: string, text: string, name: string | null): FormatFile {
  if (/\.ya?ml$/i.test(file)) {
    const zone = name ?? octodnsZoneName(file);
    return { ...readOctodnsZone([{ file, text }], zone), zone, format: 'octodns' };
  }
  const format = jsonFormat(text);
  if (format === 'terraform-plan') {
    const plan = readTerraformPlan(text, file, name);
    return { parsed: planWorld(plan, 'after'), notes: plan.notes, zone: plan.zones[0] ?? name ?? '', format };
  }
  if (format === 'dnscontrol-ir') {
    const read = readDnscontrolIr(text, file);
    if (name !== null && !read.parsed.apexes.some((a) => a.toLowerCase() === name.toLowerCase())) {
      throw zoneError({ file, line: 1, column: 1 }, `${name}=: this dnscontrol IR holds no domain '${name}' (it holds ${read.parsed.apexes.map((a) => `'${a}'`).join(', ')})`);
    }
    return { ...read, zone: name ?? read.parsed.apexes[0] ?? '', format };
  }
  // not JSON at all: the JSON reader says where; JSON of another kind: say what would be read
  readJsonDocument(text, file);
  throw zoneError({ file, line: 1, column: 1 }, 'not a zone input authaudit reads: JSON zone inputs are a Terraform/OpenTofu plan (terraform show -json plan.out) or dnscontrol IR (dnscontrol print-ir)');
}

/** An octoDNS split-zone folder: every `*.yaml` file in it, in name order (as octoDNS sorts them). */
export function readOctodnsFolder(folder: string, source: FileSource, name: string | null): FormatFile {
  const zone = name ?? octodnsZoneName(folder);
  const files = source
    .list(folder)
    .filter((f) => /\.ya?ml$/i.test(f) && source.kind(join(folder, f)) === 'file')
    .map((f) => ({ file: join(folder, f), text: source.read(join(folder, f)).toString('utf8') }));
  if (files.length === 0) throw zoneError({ file: folder, line: 1, column: 1 }, 'an octoDNS split-zone folder with no .yaml files');
  return { ...readOctodnsZone(files, zone), zone, format: 'octodns' };
}
