/**
 * Coarse WordNet senses for `--inventory wordnet`: every noun synset of a word is assigned to the
 * CoarseWSD-20 sense whose mapped synset is nearest over hypernym links (`@`, `@i`), the length
 * of the path through their closest common ancestor; a tie between two senses leaves it unassigned.
 */
import type { WordNetDatabase } from '../../src/senses/wordnet';

/** Hypernym ancestors of a noun synset (itself at 0) with their fewest steps. */
export async function ancestors(db: WordNetDatabase, offset: number): Promise<Map<number, number>> {
  const depth = new Map([[offset, 0]]);
  let frontier = [offset];
  for (let d = 1; frontier.length > 0; d++) {
    const next: number[] = [];
    for (const o of frontier) {
      for (const p of (await db.synset('n', o)).pointers) {
        if ((p.symbol === '@' || p.symbol === '@i') && p.pos === 'n' && !depth.has(p.offset)) {
          depth.set(p.offset, d);
          next.push(p.offset);
        }
      }
    }
    frontier = next;
  }
  return depth;
}

/** Shortest path between two synsets through a common ancestor (Infinity when none). */
export function pathLength(a: ReadonlyMap<number, number>, b: ReadonlyMap<number, number>): number {
  let best = Infinity;
  for (const [o, da] of a) {
    const db = b.get(o);
    if (db !== undefined) best = Math.min(best, da + db);
  }
  return best;
}

/** Candidate synset offset → CoarseWSD-20 sense (absent when unassigned). `mapped`: sense → synset offset. */
export async function coarseAssignment(db: WordNetDatabase, candidates: readonly number[], mapped: ReadonlyMap<string, number>): Promise<Map<number, string>> {
  const senseAncestors = await Promise.all([...mapped].map(async ([sense, o]) => [sense, await ancestors(db, o)] as const));
  const out = new Map<number, string>();
  for (const c of candidates) {
    const mine = await ancestors(db, c);
    const lengths = senseAncestors.map(([sense, a]) => [sense, pathLength(mine, a)] as const).sort((x, y) => x[1] - y[1]);
    if (lengths.length === 0 || lengths[0][1] === Infinity) continue;
    if (lengths.length > 1 && lengths[1][1] === lengths[0][1]) continue;
    out.set(c, lengths[0][0]);
  }
  return out;
}
