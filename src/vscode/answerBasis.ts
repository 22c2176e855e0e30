/**
 * What an answer was computed from, so cached hovers and "Analyze Selection" results can tell when
 * they no longer match the index or the settings. Pure (no `vscode`), unit-tested.
 */
import type { Classification } from '../senses/types';
import type { Config } from './config';

/**
 * True when `result` may come from a capped first index that a background build will replace (a
 * sense is at the cap): the same question can get another answer once the full index is ready.
 */
export function isProvisional(result: Pick<Classification, 'senses'>, config: Pick<Config, 'maxExamplesPerSense' | 'completeIndexInBackground'>): boolean {
  const cap = config.maxExamplesPerSense;
  return cap > 0 && config.completeIndexInBackground && result.senses.some((s) => s.examples === cap);
}
