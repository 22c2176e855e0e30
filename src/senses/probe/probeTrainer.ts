import { EngineError } from '../../shared/errors';
import { startWorker } from '../../shared/workerScript';
import type { Probe, ProbeOptions, ProbeTrainingSet } from './probe';
import type { ProbeWorkerRequest, ProbeWorkerResponse } from './probeWorker';

/**
 * `trainProbe` in a worker thread of its own (`probeWorker.ts`), so the extension host's thread does
 * none of the training. The signal ends the thread; the promise then rejects as a cancellation.
 */
export function trainProbeOffThread(set: ProbeTrainingSet, options: ProbeOptions, signal?: AbortSignal): Promise<Probe> {
  if (signal?.aborted) return Promise.reject(new EngineError('cancelled', 'Probe training was cancelled.'));
  const worker = startWorker('probeWorker', __dirname);
  return new Promise<Probe>((resolve, reject) => {
    const cancel = () => {
      reject(new EngineError('cancelled', 'Probe training was cancelled.'));
      void worker.terminate();
    };
    signal?.addEventListener('abort', cancel, { once: true });
    const settle = () => signal?.removeEventListener('abort', cancel);
    worker.once('message', (response: ProbeWorkerResponse) => {
      settle();
      if (response.ok) resolve(response.probe);
      else reject(new Error(response.message));
      void worker.terminate();
    });
    worker.once('error', (error) => {
      settle();
      reject(error);
    });
    worker.once('exit', (code) => {
      settle();
      reject(new Error(`The probe worker ended early (exit code ${code}).`));
    });
    const request: ProbeWorkerRequest = { set: { senses: set.senses, senseOf: set.senseOf, units: set.units }, options };
    worker.postMessage(request);
  });
}
