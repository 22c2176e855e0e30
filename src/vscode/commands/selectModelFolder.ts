/**
 * "BERT Word Sense: Select Local Model Folder…": pick a folder in Transformers.js layout and make
 * it the (machine-scoped) `bertWordSense.model`. The engine is recreated by the settings change.
 */
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { MODEL_FILES, ONNX_FILE } from '../../shared/modelLayout';
import { SECTION } from '../config';

export async function selectModelFolder(): Promise<void> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFolders: true,
    canSelectFiles: false,
    canSelectMany: false,
    openLabel: 'Use This Model',
    title: 'BERT model folder (config.json, tokenizer.json, onnx/model.onnx)',
  });
  const folder = picked?.[0];
  if (!folder) return;
  if (folder.scheme !== 'file') {
    void vscode.window.showErrorMessage('BERT Word Sense: the model folder must be on this machine.');
    return;
  }

  const settings = vscode.workspace.getConfiguration(SECTION);
  const dtype = settings.get<string>('dtype') === 'q8' ? 'q8' : 'fp32';
  const missing = await missingFiles(folder.fsPath, [...MODEL_FILES, ONNX_FILE[dtype]]);
  if (missing.length > 0) {
    const hint = dtype === 'q8' && !(await missingFiles(folder.fsPath, [ONNX_FILE.fp32])).length
      ? ' (it has onnx/model.onnx: set bertWordSense.dtype to fp32)'
      : '';
    void vscode.window.showErrorMessage(
      `BERT Word Sense: ${path.basename(folder.fsPath)} is not a Transformers.js model folder: ` +
        `${missing.join(', ')} missing${hint}.`,
    );
    return;
  }
  // Global means the user's settings; in a remote window (SSH, WSL, Codespaces, code-server) VS Code
  // writes a machine-scoped setting to the remote machine's settings instead, which is where the
  // extension, running there, reads it.
  await settings.update('model', folder.fsPath, vscode.ConfigurationTarget.Global);
  const where = vscode.env.remoteName ? 'your Remote settings (the Settings editor’s Remote tab)' : 'your User settings';
  void vscode.window.showInformationMessage(`BERT Word Sense: using the model in ${folder.fsPath}, saved as bertWordSense.model in ${where}.`);
}

async function missingFiles(folder: string, files: readonly string[]): Promise<string[]> {
  const missing: string[] = [];
  for (const file of files) {
    try {
      const stat = await fs.stat(path.join(folder, file));
      if (!stat.isFile()) missing.push(file);
    } catch {
      missing.push(file);
    }
  }
  return missing;
}
