/** Engine progress events as notification text and increments. Pure (no `vscode`), unit-tested. */
import type { EngineProgress } from '../shared/engineProtocol';
import { projectionName } from '../shared/projections';

export interface ProgressStep {
  readonly message: string;
  /** Percent to add to the notification's bar, when the event carries a fraction. */
  readonly increment?: number;
}

/** Tracks per-file and per-word fractions so each event turns into a bar increment. */
export class ProgressText {
  private readonly fractions = new Map<string, number>();

  step(progress: EngineProgress): ProgressStep {
    switch (progress.kind) {
      case 'download': {
        const size = progress.total ? `${mb(progress.loaded)} / ${mb(progress.total)}` : mb(progress.loaded);
        const fraction = progress.total ? progress.loaded / progress.total : undefined;
        return { message: `Downloading ${progress.file} (${size})`, increment: this.advance(`d:${progress.file}`, fraction) };
      }
      case 'load-model':
        return { message: `Loading model ${progress.model}…` };
      case 'dataset':
        return { message: `Fetching the training sentences of '${progress.word}'…` };
      case 'index': {
        const fraction = progress.total > 0 ? progress.done / progress.total : undefined;
        return {
          message: `Building the sense index of '${progress.word}' (${progress.done}/${progress.total} sentences)`,
          increment: this.advance(`i:${progress.word}`, fraction),
        };
      }
      case 'analyze': {
        const fraction = progress.total > 0 ? progress.done / progress.total : undefined;
        return {
          message: `Reading the text with BERT (${progress.done}/${progress.total} sentences)`,
          increment: this.advance('analyze', fraction),
        };
      }
      case 'project': {
        const fraction = progress.total > 0 ? progress.done / progress.total : undefined;
        const method = projectionName(progress.method);
        return {
          message: progress.done === 0 ? `Laying out the plot with ${method}…` : `Laying out the plot with ${method} (${progress.done}/${progress.total})`,
          increment: this.advance(`p:${progress.method}`, fraction),
        };
      }
      default: {
        const unknown: never = progress;
        throw new Error(`unknown engine progress ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** The bar shows the current item; a new item starts it again, so increments can be negative. */
  private advance(key: string, fraction: number | undefined): number | undefined {
    if (fraction === undefined || !Number.isFinite(fraction)) return undefined;
    const clamped = Math.min(1, Math.max(0, fraction));
    const last = this.fractions.get(key) ?? 0;
    this.fractions.set(key, clamped);
    const delta = (clamped - last) * 100;
    return delta > 0 ? delta : undefined;
  }
}

/** Long work worth a notification (as opposed to a quick model-cache hit). */
export function isLongWork(progress: EngineProgress): boolean {
  return progress.kind !== 'load-model';
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}
