/**
 * Is a position inside a comment or a string literal of source code?
 *
 * Extensions have no access to VS Code's tokenizer or TextMate scopes (there is no public API for
 * it), and semantic tokens exist only for some languages. So this is a heuristic on the text of the
 * line (plus a bounded look-back for block comments and triple-quoted strings): cheap, good enough
 * to decide whether a hover on prose inside code is wanted, and wrong at worst in odd cases such as
 * comment markers inside strings.
 */

interface Syntax {
  readonly line: readonly string[];
  readonly blocks: readonly (readonly [open: string, close: string])[];
}

const C_LIKE: Syntax = { line: ['//'], blocks: [['/*', '*/']] };
const HASH: Syntax = { line: ['#'], blocks: [] };
const PYTHON: Syntax = { line: ['#'], blocks: [['"""', '"""'], ["'''", "'''"]] };
const DASH: Syntax = { line: ['--'], blocks: [] };
const MARKUP: Syntax = { line: [], blocks: [['<!--', '-->']] };

const SYNTAX: Readonly<Record<string, Syntax>> = {
  python: PYTHON,
  shellscript: HASH, ruby: HASH, perl: HASH, r: HASH, yaml: HASH, toml: HASH, makefile: HASH,
  dockerfile: HASH, powershell: { line: ['#'], blocks: [['<#', '#>']] }, coffeescript: HASH, julia: HASH,
  elixir: HASH, nim: HASH, ini: { line: [';', '#'], blocks: [] }, properties: HASH,
  sql: { line: ['--'], blocks: [['/*', '*/']] }, lua: { line: ['--'], blocks: [['--[[', ']]']] }, haskell: DASH,
  html: MARKUP, xml: MARKUP, svg: MARKUP, vue: { line: ['//'], blocks: [['<!--', '-->'], ['/*', '*/']] },
  clojure: { line: [';'], blocks: [] }, lisp: { line: [';'], blocks: [] }, scheme: { line: [';'], blocks: [] },
  matlab: { line: ['%'], blocks: [] }, erlang: { line: ['%'], blocks: [] }, vb: { line: ["'"], blocks: [] },
  bat: { line: ['REM ', 'rem ', '::'], blocks: [] }, fsharp: { line: ['//'], blocks: [['(*', '*)']] },
  ocaml: { line: [], blocks: [['(*', '*)']] },
};

/** Languages not listed: C-like comments plus `#`, which covers most of the rest. */
const FALLBACK: Syntax = { line: ['//', '#'], blocks: [['/*', '*/']] };

const LOOK_BACK_LINES = 200;

/**
 * @param lineAt gives line `i` of the document (only the current line and up to 200 before it are read).
 */
export function isInCommentOrString(languageId: string, lineAt: (line: number) => string, line: number, character: number): boolean {
  const syntax = SYNTAX[languageId] ?? cLikeOrFallback(languageId);
  const text = lineAt(line);
  if (insideBlock(syntax, lineAt, line, character)) return true;
  return inLineCommentOrString(syntax, text, character);
}

function cLikeOrFallback(languageId: string): Syntax {
  return /^(c|cpp|csharp|java|javascript|javascriptreact|typescript|typescriptreact|go|rust|swift|kotlin|scala|dart|php|css|scss|less|jsonc|objective-c|groovy|zig)$/.test(languageId)
    ? C_LIKE
    : FALLBACK;
}

/** Scan the line left to right up to `character`, tracking quotes and line-comment markers. */
function inLineCommentOrString(syntax: Syntax, text: string, character: number): boolean {
  let quote: string | undefined;
  for (let i = 0; i < Math.min(character, text.length); i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (syntax.line.some((m) => text.startsWith(m, i))) return true;
    if (c === '"' || c === "'" || c === '`') {
      // An apostrophe inside a word (don't, it's) is not a quote.
      if (c === "'" && /\w/.test(text[i - 1] ?? '') && /\w/.test(text[i + 1] ?? '')) continue;
      quote = c;
    }
  }
  return quote !== undefined;
}

/** Inside a block comment or triple-quoted string opened on this or an earlier line and not closed before the position. */
function insideBlock(syntax: Syntax, lineAt: (line: number) => string, line: number, character: number): boolean {
  if (syntax.blocks.length === 0) return false;
  const first = Math.max(0, line - LOOK_BACK_LINES);
  const parts: string[] = [];
  for (let l = first; l < line; l++) parts.push(lineAt(l));
  parts.push(lineAt(line).slice(0, character));
  const text = parts.join('\n');
  let open: readonly [string, string] | undefined;
  for (let i = 0; i < text.length; i++) {
    if (open) {
      if (text.startsWith(open[1], i)) {
        i += open[1].length - 1;
        open = undefined;
      }
      continue;
    }
    // A line comment hides block openers up to the end of its line.
    if (syntax.line.some((m) => text.startsWith(m, i))) {
      const eol = text.indexOf('\n', i);
      if (eol < 0) return false;
      i = eol;
      continue;
    }
    const opener = syntax.blocks.find(([o]) => text.startsWith(o, i));
    if (opener) {
      open = opener;
      i += opener[0].length - 1;
    }
  }
  return open !== undefined;
}
