/** "BERT Word Sense: Clear Cache": after a modal confirmation, delete downloads and indexes. */
import * as vscode from 'vscode';
import type { EngineHost } from '../engineHost';

export async function clearCache(host: EngineHost, cacheDir: string): Promise<void> {
  const choice = await vscode.window.showWarningMessage(
    'Delete the downloaded model, training sentences, sense indexes and WordNet sense vectors of BERT Word Sense?',
    { modal: true, detail: `Folder: ${cacheDir}\nThey are downloaded or built again when needed.` },
    'Delete',
  );
  if (choice !== 'Delete') return;
  try {
    await host.engine().call('clearCache', {});
  } catch (error) {
    host.fail('Clearing the cache', error);
    return;
  }
  // The loaded model may come from the deleted files: start afresh.
  await host.reset('cache cleared');
  void vscode.window.showInformationMessage('BERT Word Sense: cache cleared.');
}
