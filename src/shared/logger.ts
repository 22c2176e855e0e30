import { describeError } from './errors';

/** The engine's only way to speak; the VS Code layer maps it onto a LogOutputChannel. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error): void;
}

export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Logs to stderr at `info` and above; for the CLI and benchmarks. */
export const consoleLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: (m) => console.error(m),
  warn: (m) => console.error(`warn: ${m}`),
  error: (m) => console.error(`error: ${describeError(m)}`),
};
