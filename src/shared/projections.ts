/** The plot's projection methods and their display names, for the engine, the host and the webview. */
import type { ProjectionMethod } from './engineProtocol';

/** In the order of the plot's dropdown; PCA is the default. */
export const PROJECTION_METHODS: readonly ProjectionMethod[] = ['pca', 'umap', 'tsne'];

const NAMES: Readonly<Record<ProjectionMethod, string>> = { pca: 'PCA', umap: 'UMAP', tsne: 't-SNE' };

export function projectionName(method: ProjectionMethod): string {
  return NAMES[method];
}

export function isProjectionMethod(value: unknown): value is ProjectionMethod {
  return typeof value === 'string' && (PROJECTION_METHODS as readonly string[]).includes(value);
}
