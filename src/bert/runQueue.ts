import { EngineError } from '../shared/errors';

/**
 * Who waits for a forward pass. A hover is a reader waiting; a view (a plot, an analysis) is a
 * command someone asked for; background work (index completion) has no one waiting.
 */
export type RunPriority = 'hover' | 'view' | 'background';

const RANK: Record<RunPriority, number> = { hover: 0, view: 1, background: 2 };
/** Longest a hold keeps other work back (a hover's runs take well under a second at bert-base). */
const HOLD_MAX_MS = 3_000;

interface Job {
  readonly rank: number;
  readonly start: () => void;
  readonly abort: (error: Error) => void;
}

/**
 * The forward passes of one ONNX session, one in flight at a time, the most urgent first (FIFO
 * within a priority). onnxruntime runs one batch at a time anyway (its `run` is a synchronous
 * native call in the ONNX worker), so a run posted behind others waits for all of them; keeping the
 * worker's queue at one means a hover waits for at most the batch that is running.
 */
export class RunQueue {
  private readonly waiting: Job[] = [];
  private busy = false;
  /** Holds per rank (see `hold`), and who waits for one to end (`unheld`). */
  private readonly holds = [0, 0, 0];
  private readonly released: (() => void)[] = [];
  /** Runs started per priority (tests and benchmarks read it). */
  readonly started: Record<RunPriority, number> = { hover: 0, view: 0, background: 0 };

  run<T>(priority: RunPriority, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) return Promise.reject(new EngineError('cancelled', 'Cancelled.'));
    return new Promise<T>((resolve, reject) => {
      const onAbort = () => {
        const i = this.waiting.indexOf(job);
        if (i >= 0) this.waiting.splice(i, 1);
        reject(new EngineError('cancelled', 'Cancelled.'));
      };
      const job: Job = {
        rank: RANK[priority],
        start: () => {
          signal?.removeEventListener('abort', onAbort);
          this.started[priority]++;
          work()
            .then(resolve, reject)
            .finally(() => {
              this.busy = false;
              this.next();
            });
        },
        abort: reject,
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // After the last job of its rank: urgent jobs overtake, equal ones keep their order.
      const at = this.waiting.findIndex((j) => j.rank > job.rank);
      this.waiting.splice(at < 0 ? this.waiting.length : at, 0, job);
      this.next();
    });
  }

  /**
   * Keeps less urgent runs than `priority` from starting until the returned release is called: a
   * hover needs several runs (its sentence, then maybe a first index), and background batches must
   * not slip in between them. A hold ends by itself after `maxMs`: work held back may be what the
   * holder waits for (a build of the same word's vectors already under way).
   */
  hold(priority: RunPriority, maxMs = HOLD_MAX_MS): () => void {
    const rank = RANK[priority];
    this.holds[rank]++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      this.holds[rank]--;
      this.next();
      for (const resolve of this.released.splice(0)) resolve();
    };
    const timer = setTimeout(release, maxMs);
    timer.unref?.();
    return release;
  }

  /**
   * Resolves (on a later turn of the event loop) once no hold keeps `priority`'s runs back: work of
   * that priority done outside the queue (tokenizing thousands of sentences) waits there too, so it
   * does not take the CPU from a hover.
   */
  async unheld(priority: RunPriority): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve));
    while (this.heldAbove(RANK[priority])) await new Promise<void>((resolve) => this.released.push(resolve));
  }

  /** Jobs not started yet fail with `error` (the session is closing). */
  abortWaiting(error: Error): void {
    for (const job of this.waiting.splice(0)) job.abort(error);
  }

  /** Whether a hold of more urgent work than `rank` is on. */
  private heldAbove(rank: number): boolean {
    const held = this.holds.findIndex((n) => n > 0);
    return held >= 0 && rank > held;
  }

  private next(): void {
    if (this.busy || this.waiting.length === 0) return;
    // The most urgent job waits too if a hold of more urgent work is on.
    if (this.heldAbove(this.waiting[0].rank)) return;
    const job = this.waiting.shift()!;
    this.busy = true;
    job.start();
  }
}
