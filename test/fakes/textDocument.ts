/**
 * A read-only TextDocument over a string, with VS Code's offset/position semantics: UTF-16 offsets,
 * `\n` and `\r\n` line breaks (a position inside `\r\n` or past a line's end is clamped), and
 * out-of-range positions and offsets clamped to the document.
 */
import type * as vscode from 'vscode';
import { Position, Range, Uri } from './vscode';

let counter = 0;

export interface FakeTextDocumentOptions {
  readonly languageId?: string;
  readonly uri?: string;
  readonly version?: number;
}

export class FakeTextDocument {
  readonly uri: Uri;
  readonly languageId: string;
  readonly version: number;
  readonly isClosed = false;
  readonly isDirty = false;
  readonly isUntitled: boolean;
  /** Offset of the first character of each line. */
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    options: FakeTextDocumentOptions = {},
  ) {
    this.uri = Uri.parse(options.uri ?? `untitled:/doc-${++counter}.txt`);
    this.isUntitled = this.uri.scheme === 'untitled';
    this.languageId = options.languageId ?? 'plaintext';
    this.version = options.version ?? 1;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */ && text.charCodeAt(i + 1) === 10) {
        this.lineStarts.push(i + 2);
        i++;
      } else if (c === 10 || c === 13) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  get fileName(): string {
    return this.uri.fsPath;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  get eol(): number {
    return this.text.includes('\r\n') ? 2 : 1;
  }

  /** Length of line `line` without its line break. */
  private lineLength(line: number): number {
    const start = this.lineStarts[line];
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    let end = next;
    if (end > start && this.text[end - 1] === '\n') end--;
    if (end > start && this.text[end - 1] === '\r') end--;
    return end - start;
  }

  validatePosition(position: vscode.Position | Position): Position {
    if (position.line >= this.lineStarts.length) {
      const last = this.lineStarts.length - 1;
      return new Position(last, this.lineLength(last));
    }
    const line = Math.max(0, position.line);
    return new Position(line, Math.min(Math.max(0, position.character), this.lineLength(line)));
  }

  validateRange(range: vscode.Range | Range): Range {
    return new Range(this.validatePosition(range.start), this.validatePosition(range.end));
  }

  offsetAt(position: vscode.Position | Position): number {
    const p = this.validatePosition(position);
    return this.lineStarts[p.line] + p.character;
  }

  positionAt(offset: number): Position {
    const o = Math.min(Math.max(0, Math.trunc(offset)), this.text.length);
    // Binary search for the last line start <= o.
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return new Position(lo, Math.min(o - this.lineStarts[lo], this.lineLength(lo)));
  }

  getText(range?: vscode.Range | Range): string {
    if (!range) return this.text;
    const r = this.validateRange(range);
    return this.text.slice(this.offsetAt(r.start), this.offsetAt(r.end));
  }

  lineAt(lineOrPosition: number | vscode.Position | Position) {
    const line = typeof lineOrPosition === 'number' ? lineOrPosition : lineOrPosition.line;
    if (line < 0 || line >= this.lineStarts.length || !Number.isInteger(line)) throw new Error(`Illegal value for line: ${line}`);
    const start = this.lineStarts[line];
    const length = this.lineLength(line);
    const text = this.text.slice(start, start + length);
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length;
    return {
      lineNumber: line,
      text,
      range: new Range(line, 0, line, length),
      rangeIncludingLineBreak: new Range(this.positionAt(start), this.positionAt(next)),
      firstNonWhitespaceCharacterIndex: text.length - text.trimStart().length,
      isEmptyOrWhitespace: text.trim() === '',
    };
  }

  getWordRangeAtPosition(position: vscode.Position | Position, regex = /[\p{L}\p{N}_]+/gu): Range | undefined {
    const p = this.validatePosition(position);
    const { text } = this.lineAt(p.line);
    const re = new RegExp(regex.source, regex.flags.includes('g') ? regex.flags : `${regex.flags}g`);
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m.index <= p.character && p.character <= m.index + m[0].length) return new Range(p.line, m.index, p.line, m.index + m[0].length);
      if (m[0].length === 0) re.lastIndex++;
    }
    return undefined;
  }

  save(): Promise<boolean> {
    return Promise.resolve(false);
  }

  /** As the `vscode.TextDocument` the providers are typed against. */
  asDocument(): vscode.TextDocument {
    return this as unknown as vscode.TextDocument;
  }
}
