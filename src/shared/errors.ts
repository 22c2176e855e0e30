import type { EngineErrorCode } from './engineProtocol';

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

/** Causes `describeError` follows at most. */
const MAX_CAUSES = 5;

/**
 * One line per error in the cause chain, for logs; with `causes: false` the error's own message
 * alone, for what a user reads (a toast, the plot, a hover, the CLI's last line).
 */
export function describeError(error: unknown, options: { readonly causes?: boolean } = {}): string {
  const lines: string[] = [];
  const depthLimit = options.causes === false ? 1 : MAX_CAUSES;
  for (let e: unknown = error, depth = 0; e !== undefined && depth < depthLimit; depth++) {
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

/**
 * An error as it crosses a thread boundary (`rpc.ts`): its name, message and code (an EngineError's,
 * or a Node one such as `ENOENT`) at every level of its cause chain.
 */
export interface WireError {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly cause?: WireError;
}

/** Causes kept across a boundary; deeper ones are dropped (describeError shows 5). */
const WIRE_DEPTH = 5;

export function toWireError(error: unknown, depth = 0): WireError {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    name: error.name,
    message: error.message,
    ...(typeof code === 'string' && { code }),
    ...(error.cause !== undefined && depth < WIRE_DEPTH && { cause: toWireError(error.cause, depth + 1) }),
  };
}

/** The error of `toWireError` again: an EngineError when it was one, so its code still chooses the advice shown to users. */
export function fromWireError(wire: WireError): Error {
  const options = wire.cause && { cause: fromWireError(wire.cause) };
  if (wire.name === 'EngineError' && wire.code) return new EngineError(wire.code as EngineErrorCode, wire.message, options);
  const error = new Error(wire.message, options);
  if (wire.name !== 'Error') error.name = wire.name;
  if (wire.code) Object.assign(error, { code: wire.code });
  return error;
}
