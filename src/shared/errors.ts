/** What went wrong, so callers can offer the right way out. */
export type EngineErrorCode =
  /** The model folder or hub model has no usable files. */
  | 'model-not-found'
  /** The ONNX file could not be parsed or run. */
  | 'model-corrupt'
  /** No hidden-state outputs could be found or added to the graph. */
  | 'layers-not-found'
  /** A file is needed from the network but network access is off. */
  | 'offline'
  /** A download failed or was interrupted. */
  | 'download-failed'
  /** The dataset lacks the word or a file of it. */
  | 'dataset-missing'
  /** A taught-senses file cannot be read or written, or an edit names a sense it does not have. */
  | 'taught-senses'
  | 'cancelled';

export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly code: EngineErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The code of an EngineError. Checked by shape, not `instanceof`: the extension loads the engine as
 * a separate bundle, whose EngineError class is not the extension bundle's.
 */
export function engineErrorCode(error: unknown): EngineErrorCode | undefined {
  return error instanceof Error && error.name === 'EngineError' && typeof (error as EngineError).code === 'string'
    ? (error as EngineError).code
    : undefined;
}

export function isCancellation(error: unknown): boolean {
  return engineErrorCode(error) === 'cancelled' || (error instanceof Error && error.name === 'AbortError');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EngineError('cancelled', 'Cancelled.');
}

/** One line per error in the cause chain, for logs. */
export function describeError(error: unknown): string {
  const lines: string[] = [];
  for (let e: unknown = error, depth = 0; e !== undefined && depth < 5; depth++) {
    if (e instanceof Error) {
      lines.push(depth === 0 ? e.message : `caused by: ${e.message}`);
      e = e.cause;
    } else {
      lines.push(String(e));
      break;
    }
  }
  return lines.join('\n');
}

/**
 * Waits for shared work on behalf of one caller: rejects with `cancelled` as soon as that caller's
 * signal aborts, while the work itself goes on for the others.
 */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(new EngineError('cancelled', 'Cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new EngineError('cancelled', 'Cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
