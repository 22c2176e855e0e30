import { seededRandom } from './random';

/**
 * Reproducible stratified sampling: the indices of each label, shuffled with a fixed seed (one
 * Mulberry32 stream over the labels in first-seen order), so caps and validation splits are the
 * same on every machine and run.
 */
export function shuffledByLabel(labels: readonly string[], seed: number): number[][] {
  const groups = new Map<string, number[]>();
  labels.forEach((label, i) => {
    const group = groups.get(label) ?? [];
    group.push(i);
    groups.set(label, group);
  });
  const random = seededRandom(seed);
  return [...groups.values()].map((group) => {
    for (let i = group.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [group[i], group[j]] = [group[j], group[i]];
    }
    return group;
  });
}
