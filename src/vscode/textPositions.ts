import type { OccurrenceContext, OccurrenceLocation } from '../shared/engineProtocol';

/**
 * Places `occurrences` of `text` (in offset order, as `findOccurrences` returns them) in the file
 * at `uri`: the zero-based line and UTF-16 character where each target starts, as VS Code counts
 * them. One pass over the text, not a search per occurrence.
 */
export function locateOccurrences(
  text: string,
  occurrences: readonly OccurrenceContext[],
  uri: string,
): (OccurrenceContext & { readonly location: OccurrenceLocation })[] {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  let line = 0;
  return occurrences.map((o) => {
    while (line + 1 < lineStarts.length && lineStarts[line + 1] <= o.target.start) line++;
    return { ...o, location: { uri, line, character: o.target.start - lineStarts[line] } };
  });
}
