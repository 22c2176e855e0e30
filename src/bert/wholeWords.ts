/**
 * 1 for the vocabulary entries that are whole words: not a special token (`[CLS]`, `[MASK]`,
 * `[UNK]`…) or a bracketed placeholder (`[unused12]`), not a `##` continuation piece, and with a
 * letter in it (punctuation, digits and symbols are not words another could be replaced by).
 */
export function wholeWordMask(vocab: ReadonlyMap<string, number>, specialIds: readonly number[], size: number): Uint8Array {
  const mask = new Uint8Array(size);
  const special = new Set(specialIds);
  for (const [token, id] of vocab) {
    if (id < 0 || id >= size || special.has(id)) continue;
    if (token.startsWith('##') || /^\[.*\]$/.test(token) || !/\p{L}/u.test(token)) continue;
    mask[id] = 1;
  }
  return mask;
}
