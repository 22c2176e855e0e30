/**
 * The sense engine's worker thread on Node (the desktop extension host, tests, the CLI's benchmarks):
 * the service of src/senses/engineService.ts on `parentPort`.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { EngineWorkerData } from '../shared/engineProtocol';
import { serveEngine } from './engineService';

serveEngine(parentPort!, workerData as EngineWorkerData);
