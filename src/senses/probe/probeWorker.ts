/**
 * Trains probes in a worker thread: at bert-base's 768 dimensions a 5-sense word takes seconds of
 * CPU, which must not run on the engine's thread. Training yields between iterations, so a cancel
 * (`src/shared/rpc.ts`) stops it there.
 */
import { parentPort } from 'node:worker_threads';
import { serve } from '../../shared/rpc';
import { probeService } from './probeService';

export type { ProbeCalls } from './probeService';

serve(parentPort!, probeService);
