/** The probe worker's calls, served in a Node thread (`probeWorker.ts`) or in the web engine's own worker (src/web/workerScript.ts). */
import type { ServeOptions } from '../../shared/rpc';
import { trainProbe, type Probe, type ProbeOptions, type ProbeTrainingSet } from './probe';

export interface ProbeCalls {
  train: { params: { readonly set: ProbeTrainingSet; readonly options: ProbeOptions }; result: Probe };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

export const probeService: ServeOptions<ProbeCalls, never> = {
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
};
