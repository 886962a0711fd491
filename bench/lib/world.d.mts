// Types for world.mjs (the benchmark's seeded world of sending domains).

export const DEFAULT_SEED: number;
export const DEFAULT_SENDERS: number;
export const UNLISTED_IP: string;

export type MxData = { preference: number; exchange: string };

export interface WorldRecord {
  /** Owner name, lower-case, without the trailing dot. */
  name: string;
  type: string;
  ttl: number;
  /** TXT: the text; MX: preference and exchange; A/AAAA: the address; CNAME/PTR/NS: the target. */
  data: string | MxData;
}

export interface WorldZone {
  origin: string;
  records: WorldRecord[];
}

export type SenderKind = 'google' | 'microsoft' | 'self' | 'parked';

export interface Sender {
  domain: string;
  kind: SenderKind;
  /** ESP ids whose include the domain's SPF record carries. */
  esps: string[];
  /** The SPF record at the domain (a redirect or an include of its own `_spf` for some). */
  spf: string | null;
  /** The address the domain sends from. */
  ip: string;
  /** DKIM selectors its mail is signed with. */
  selectors: string[];
  dmarc: string | null;
}

export interface World {
  seed: number;
  zones: WorldZone[];
  senders: Sender[];
  /** The served zone a name belongs to, or null outside the world. */
  zoneOf(name: string): string | null;
}

export interface WorldIndex {
  lookup(name: string, type: string): { cname: string | null; records: WorldRecord[] };
  zoneOf(name: string): string | null;
}

export function generateWorld(options?: { seed?: number; senders?: number; bulk?: boolean }): World;
export function reverseName4(address: string): string;
export function rsaPublicKeyBase64(rng: { bytes(count: number): Uint8Array }, bits: number): string;
export function txtRdata(text: string): string;
export function zoneFileText(zone: WorldZone): string;
export function writeWorld(world: World, dir: string): Promise<string>;
export function worldIndex(world: World): WorldIndex;
