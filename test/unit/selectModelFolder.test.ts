/**
 * "Select Local Model Folder…" on the fake `vscode` module: it writes the machine-scoped model
 * setting to the user's settings (which VS Code turns into the remote machine's settings in a remote
 * window) and says which ones.
 */
import '../fakes/installVscode';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { beforeEach, describe, it } from 'node:test';
import { ConfigurationTarget, env, fake, Uri, window } from '../fakes/vscode';
import { selectModelFolder } from '../../src/vscode/commands/selectModelFolder';

const MODEL = path.resolve(__dirname, '../fixtures/tiny-bert-uncased');

describe('Select Local Model Folder…', () => {
  beforeEach(() => {
    fake.reset();
    fake.settings.bertWordSense = { dtype: 'q8' };
  });

  const pick = (folder: string) => {
    window.showOpenDialog = () => Promise.resolve([Uri.file(folder)]) as never;
  };

  it('saves the folder in the User settings of a local window, and says so', async () => {
    pick(MODEL);
    await selectModelFolder();
    assert.deepEqual(fake.configurationUpdates, [{ section: 'bertWordSense', key: 'model', value: MODEL, target: ConfigurationTarget.Global }]);
    assert.equal(fake.messages.length, 1);
    assert.match(fake.messages[0].message, /saved as bertWordSense\.model in your User settings/);
  });

  it('in a remote window, says the setting went to the Remote settings', async () => {
    env.remoteName = 'ssh-remote';
    pick(MODEL);
    await selectModelFolder();
    assert.equal(fake.configurationUpdates[0]?.target, ConfigurationTarget.Global, "VS Code writes a machine setting to the remote's settings from this target");
    assert.match(fake.messages[0].message, /in your Remote settings \(the Settings editor’s Remote tab\)/);
  });

  it('refuses a folder without the model files, writing nothing', async () => {
    pick(path.join(MODEL, 'onnx'));
    await selectModelFolder();
    assert.deepEqual(fake.configurationUpdates, []);
    assert.equal(fake.messages[0].kind, 'error');
    assert.match(fake.messages[0].message, /not a Transformers\.js model folder: config\.json, tokenizer\.json, onnx\/model_quantized\.onnx missing/);
  });
});
