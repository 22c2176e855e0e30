import { throwIfAborted } from '../../shared/errors';

/**
 * Work between two yields to the event loop. Short enough that a cancel or another request is
 * noticed within a frame or two; the slices only decide when to yield, never what is computed, so
 * results do not depend on the machine's speed.
 */
const SLICE_MS = 20;

export interface SliceOptions {
  readonly signal?: AbortSignal;
  /** Called after each slice with the steps done so far. */
  readonly onSlice?: (done: number) => void;
}

/**
 * Runs `step(i)` for i = 0…total-1 in time slices: between two slices it reports progress, yields
 * with setImmediate and rejects with the engine's `cancelled` error once `signal` aborts.
 */
export async function runInSlices(total: number, step: (i: number) => void, options: SliceOptions = {}): Promise<void> {
  throwIfAborted(options.signal);
  let i = 0;
  while (i < total) {
    const end = performance.now() + SLICE_MS;
    do step(i++);
    while (i < total && performance.now() < end);
    options.onSlice?.(i);
    if (i < total) {
      await new Promise((resolve) => setImmediate(resolve));
      throwIfAborted(options.signal);
    }
  }
}
