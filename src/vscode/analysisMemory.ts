/**
 * Where "Analyze Selection" last ran in each document, kept in the workspace's state so that its
 * annotations come back after a window reload (or when the document is opened again): the analysed
 * range as offsets and a hash of the document's text then. Only the place is kept, never the
 * answers: a restore runs the analysis again, with the settings and index of the moment. A document
 * whose text is not the one analysed any more cannot be restored faithfully (the range may cut other
 * words), so it says so instead.
 */
import type * as vscode from 'vscode';

const STATE_KEY = 'bertWordSense.analysedRanges';
/** Documents remembered; the least recently analysed are forgotten first. */
const MAX_DOCUMENTS = 200;

interface Entry {
  readonly hash: string;
  readonly start: number;
  readonly end: number;
}

/** What a document opened again gets: its analysed range, or word that its text changed. */
export type Recall = { readonly kind: 'same'; readonly start: number; readonly end: number } | { readonly kind: 'changed' };

export class AnalysisMemory {
  /** Documents whose restore is running: an open event meanwhile does not start another. */
  private readonly restoring = new Set<string>();

  constructor(private readonly state: vscode.Memento) {}

  /** Runs `restore` for `uri` unless one is running already. */
  async once(uri: vscode.Uri, restore: () => Promise<void>): Promise<void> {
    const key = uri.toString();
    if (this.restoring.has(key)) return;
    this.restoring.add(key);
    try {
      await restore();
    } finally {
      this.restoring.delete(key);
    }
  }

  /** The analysis of `document` over `[start, end)` (offsets) replaced its earlier one. */
  async remember(document: vscode.TextDocument, start: number, end: number): Promise<void> {
    const hash = await contentHash(document.getText());
    const entries = this.entries();
    delete entries[document.uri.toString()];
    entries[document.uri.toString()] = { hash, start, end };
    const keys = Object.keys(entries);
    for (const old of keys.slice(0, Math.max(0, keys.length - MAX_DOCUMENTS))) delete entries[old];
    return this.state.update(STATE_KEY, entries);
  }

  forget(uri: vscode.Uri): Thenable<void> {
    const entries = this.entries();
    if (!(uri.toString() in entries)) return Promise.resolve();
    delete entries[uri.toString()];
    return this.state.update(STATE_KEY, entries);
  }

  /** Undefined when `document` was never analysed (or was forgotten). */
  async recall(document: vscode.TextDocument): Promise<Recall | undefined> {
    const entry = this.entries()[document.uri.toString()];
    if (!entry) return undefined;
    return entry.hash === (await contentHash(document.getText())) ? { kind: 'same', start: entry.start, end: entry.end } : { kind: 'changed' };
  }

  private entries(): Record<string, Entry> {
    const raw = this.state.get<unknown>(STATE_KEY);
    if (typeof raw !== 'object' || raw === null) return {};
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, Entry] => isEntry(e[1])));
  }
}

function isEntry(value: unknown): value is Entry {
  if (typeof value !== 'object' || value === null) return false;
  const { hash, start, end } = value as Record<string, unknown>;
  return typeof hash === 'string' && Number.isInteger(start) && Number.isInteger(end) && (start as number) >= 0 && (end as number) >= (start as number);
}

/**
 * SHA-256 of the text, hex: equal hashes mean the same text (the offsets still point at the same
 * words). Web Crypto, not `node:crypto`: the web extension's host has no Node.
 */
export async function contentHash(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
