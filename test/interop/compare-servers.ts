// Asking an authoritative server and the zone-file resolver the same questions and collecting
// the ones whose answers differ (see compare-answers.ts for what "the same answer" means).

import { isDeepStrictEqual } from 'node:util';
import type { Resolver, RRType } from '../../src/dns/types.js';
import type { ZoneResolver } from '../../src/dns/zone-resolver.js';
import { COMPARED_TYPES, comparable, expectedFromServer, namesToAsk, unservedCuts, type ComparableAnswer } from './compare-answers.js';

export interface Mismatch {
  question: string;
  server: ComparableAnswer;
  files: ComparableAnswer;
}

/** The mismatch for one question, or null when the server gives the answer the files expect of it. */
export async function compareQuestion(server: Resolver, files: ZoneResolver, name: string, type: RRType): Promise<Mismatch | null> {
  const [fromServer, fromFiles] = await Promise.all([server.query(name, type), files.query(name, type)]);
  const actual = comparable(fromServer);
  const expected = expectedFromServer(fromFiles, files.zones(), unservedCuts(files));
  return isDeepStrictEqual(actual, expected) ? null : { question: `${name} ${type}`, server: actual, files: expected };
}

export interface ZoneComparison {
  /** Sorted by question. */
  mismatches: Mismatch[];
  /** How many questions ended in each answer kind (as the server answered them). */
  kinds: Map<string, number>;
  /** Every name asked (each for every compared type). */
  names: string[];
}

/** Every name `namesToAsk` gives for the zone, for every compared type. */
export async function compareZone(server: Resolver, files: ZoneResolver, apex: string): Promise<ZoneComparison> {
  const names = namesToAsk(apex, files.records(), files.zones());
  const mismatches: Mismatch[] = [];
  const kinds = new Map<string, number>();
  await Promise.all(
    names.flatMap((name) =>
      COMPARED_TYPES.map(async (type) => {
        const mismatch = await compareQuestion(server, files, name, type);
        if (mismatch !== null) mismatches.push(mismatch);
        const kind = mismatch?.server.kind ?? comparable(await files.query(name, type)).kind;
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }),
    ),
  );
  mismatches.sort((a, b) => a.question.localeCompare(b.question));
  return { mismatches, kinds, names };
}
