import type { EngineErrorCode, WireError } from './engineProtocol';

export type { EngineErrorCode } from './engineProtocol';

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

/** An error as it crosses the engine boundary: code, message and the messages of its causes. */
export function toWireError(error: unknown): WireError {
  const causes: string[] = [];
  for (let e = error instanceof Error ? error.cause : undefined, depth = 0; e !== undefined && depth < 5; depth++) {
    causes.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return { code: error instanceof Error ? engineErrorCode(error) : undefined, message: error instanceof Error ? error.message : String(error), causes };
}

/** The error of `toWireError` again, with its code and cause chain (for `describeError` and the advice shown to users). */
export function fromWireError(wire: WireError): Error {
  const cause = wire.causes.reduceRight<Error | undefined>((inner, message) => new Error(message, inner && { cause: inner }), undefined);
  const options = cause && { cause };
  return wire.code ? new EngineError(wire.code, wire.message, options) : new Error(wire.message, options);
}
