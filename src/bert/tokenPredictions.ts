/**
 * From MLM logits to word predictions: which vocabulary entries can be offered as words, and the
 * most likely of them in a row of logits. Pure: the host builds the mask, the ONNX worker ranks.
 */

/** The `top` most likely tokens of one position: ids and their softmax probabilities, best first. */
export interface TopTokens {
  readonly ids: number[];
  readonly probabilities: number[];
}

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

/**
 * The `top` allowed tokens with the highest logits, with their probabilities under the softmax over
 * the whole vocabulary (what the model gives them, not renormalized over the allowed ones).
 */
export function topTokens(logits: Float32Array, allowed: Uint8Array, top: number): TopTokens {
  let max = -Infinity;
  for (let v = 0; v < logits.length; v++) if (logits[v] > max) max = logits[v];
  let sum = 0;
  for (let v = 0; v < logits.length; v++) sum += Math.exp(logits[v] - max);

  // Kept sorted by logit, best first; `top` is small (a few dozen), so insertion is cheapest.
  const ids: number[] = [];
  for (let v = 0; v < logits.length; v++) {
    if (!allowed[v] || (ids.length === top && logits[v] <= logits[ids[top - 1]])) continue;
    let at = ids.length;
    while (at > 0 && logits[ids[at - 1]] < logits[v]) at--;
    ids.splice(at, 0, v);
    if (ids.length > top) ids.pop();
  }
  return { ids, probabilities: ids.map((id) => Math.exp(logits[id] - max) / sum) };
}
