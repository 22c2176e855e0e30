import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, { scope?: string; markdownDescription?: string; description?: string }> };
  };
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
};
const settings = manifest.contributes.configuration.properties;

describe('package.json', () => {
  it('machine-scopes every setting that chooses what is loaded or fetched, and restricts them in untrusted workspaces', () => {
    const sensitive = ['model', 'dtype', 'datasetFolder', 'allowNetwork'].map((k) => `bertWordSense.${k}`);
    for (const key of sensitive) assert.equal(settings[key]?.scope, 'machine', key);
    // maxExamplesPerSense: 0 (every example) is heavy work a workspace must not choose.
    const heavy = ['bertWordSense.maxExamplesPerSense'];
    assert.deepEqual([...(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort(), [...sensitive, ...heavy].sort());
  });

  it('describes every setting', () => {
    for (const [key, value] of Object.entries(settings)) assert.ok(value.markdownDescription ?? value.description, key);
  });

  it('activates lazily: only on the default languages, its commands and the plot panel, never everywhere', () => {
    const everywhere = manifest.activationEvents.filter((e) => e === '*' || e === 'onStartupFinished');
    assert.deepEqual(everywhere, [], 'these events activate the extension in every window');
    const languages = (settings['bertWordSense.languages'] as { default?: string[] }).default ?? [];
    const allowed = new Set([...languages.map((l) => `onLanguage:${l}`), 'onWebviewPanel:bertWordSense.plot']);
    for (const e of manifest.activationEvents) assert.ok(allowed.has(e), `unexpected activation event ${e}`);
    for (const l of languages) assert.ok(manifest.activationEvents.includes(`onLanguage:${l}`), `no onLanguage:${l}`);
  });

  it('contributes the documented commands', () => {
    const ids = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(ids, ['analyzeSelection', 'analyzeWorkspace', 'clearCache', 'deleteSense', 'forgetExample', 'plotSenses', 'renameSense', 'selectModelFolder', 'showLog', 'showTaughtSenses', 'teachSense'].map((c) => `bertWordSense.${c}`));
  });
});
