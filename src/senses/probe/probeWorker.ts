/**
 * Trains probes in a worker thread: at bert-base's 768 dimensions a 5-sense word takes seconds of
 * CPU, which must not run on the engine's thread. Training yields between iterations, so a cancel
 * (`src/shared/rpc.ts`) stops it there.
 */
import { parentPort } from 'node:worker_threads';
import { serve } from '../../shared/rpc';
import { trainProbe, type Probe, type ProbeOptions, type ProbeTrainingSet } from './probe';

export interface ProbeCalls {
  train: { params: { readonly set: ProbeTrainingSet; readonly options: ProbeOptions }; result: Probe };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

serve<ProbeCalls>(parentPort!, {
  handlers: { train: ({ set, options }, { signal }) => trainProbe(set, options, signal) },
  validate: {
    train: (p) =>
      !isRecord(p) || !isRecord(p.set) || !isRecord(p.options)
        ? 'must be { set, options }'
        : !Array.isArray(p.set.senses) || !Array.isArray(p.set.units) || p.set.senseOf === undefined
          ? 'set must have senses, senseOf and units'
          : undefined,
  },
  transfer: (probe) => [(probe as Probe).weights.buffer as ArrayBuffer],
});
