import { RpcClient } from '../../shared/rpc';
import { startWorker } from '../../shared/workerScript';
import type { Probe, ProbeOptions, ProbeTrainingSet } from './probe';
import type { ProbeCalls } from './probeService';

/**
 * `trainProbe` in a worker thread of its own (`probeWorker.ts`), so the engine's thread does none of
 * the training. The signal cancels it (the promise rejects as a cancellation); the thread ends after.
 */
export async function trainProbeOffThread(set: ProbeTrainingSet, options: ProbeOptions, signal?: AbortSignal): Promise<Probe> {
  const rpc = new RpcClient<ProbeCalls>({ name: 'The probe worker', start: () => startWorker('probeWorker', __dirname) });
  try {
    return await rpc.call('train', { set: { senses: set.senses, senseOf: set.senseOf, units: set.units }, options }, { signal });
  } finally {
    await rpc.dispose();
  }
}
