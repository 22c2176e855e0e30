/**
 * `setImmediate` for the web engine's Web Worker, which has none: the engine yields with it between
 * work items (background indexing, probe epochs, run queue), and `setTimeout(0)` is no substitute in
 * a browser, which clamps nested timeouts to 4 ms or more (and throttles them further in a
 * background tab). A message on a `MessageChannel` is the usual stand-in: a task of its own, after
 * the messages already waiting (the host's file replies, the engine's calls), without a clamp.
 */

/** What this file needs of a `MessageChannel` (the project's TypeScript has no DOM library). */
export interface ImmediateChannel {
  readonly port1: { onmessage: (() => void) | null };
  readonly port2: { postMessage(message: unknown): void };
}

/** Runs each callback in its own task, in the order they were given. */
export function channelImmediate(channel: ImmediateChannel): (run: () => void) => void {
  const queue: Array<() => void> = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (run) => {
    queue.push(run);
    channel.port2.postMessage(null);
  };
}
