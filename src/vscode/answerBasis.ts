/**
 * What an answer was computed from, so cached hovers and "Analyze Selection" results can tell when
 * they no longer match the index or the settings. Pure (no `vscode`), unit-tested.
 */
import type { Classification, CallSettings } from '../shared/engineProtocol';
import type { Config } from './config';

/**
 * True when `result` came from a first or capped index that a background build will replace: the
 * same question can get another answer once the full index is ready.
 */
export function isProvisional(result: Pick<Classification, 'indexStage'>, run: Pick<CallSettings, 'maxExamplesPerSense' | 'completeIndexInBackground'>): boolean {
  return (run.maxExamplesPerSense ?? 0) > 0 && run.completeIndexInBackground === true && result.indexStage !== 'full';
}

/**
 * What annotations are classified with: the hover's settings, so both give one answer per
 * occurrence (no waiting for a probe: until it is ready the centroid rule answers in both, and both
 * are asked again when it is). Tooltips list substitutes `unmasked` (a few ms each); `masked` would
 * double an analysis.
 */
export function analysisRun(config: Config): CallSettings {
  return { ...config.run, substitutes: config.run.substitutes === 'off' ? 'off' : 'unmasked' };
}
