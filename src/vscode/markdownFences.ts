/**
 * Fenced code blocks of Markdown (CommonMark: a line of ``` or ~~~, at least three, indented by at
 * most three spaces, closed by a fence of the same character at least as long). Pure, unit-tested.
 */

/** Lines looked at above the hover: far enough for any real document, bounded for huge ones. */
const MAX_SCAN_LINES = 20_000;

/**
 * The fenced block that `line` is inside, with the language of its info string (`ts` in ```ts), or
 * undefined when the line is prose. Fence lines themselves count as inside.
 */
export function fenceAt(lineText: (line: number) => string, line: number): { readonly language: string } | undefined {
  let open: { readonly char: string; readonly length: number; readonly language: string } | undefined;
  for (let i = Math.max(0, line - MAX_SCAN_LINES); i <= line; i++) {
    const fence = /^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)/.exec(lineText(i));
    if (!fence) continue;
    const [, marks, info] = fence;
    if (!open) open = { char: marks[0], length: marks.length, language: info.toLowerCase() };
    else if (marks[0] === open.char && marks.length >= open.length && !info && i < line) open = undefined;
  }
  return open && { language: open.language };
}
