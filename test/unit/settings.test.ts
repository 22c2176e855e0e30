import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { declaredSettings, settingChoices, settingType } from '../../src/shared/settingRules';
import { callSettingsOf, checkCallSettings, checkEngineOptions, DEFAULTS, RECIPES, resolveSettings, SETTING_KEYS } from '../../src/shared/settings';

const REPO = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
/** Every setting of package.json's titled sections. */
const declared: Record<string, { default: unknown }> = Object.assign({}, ...manifest.contributes.configuration.map((s: { properties: object }) => s.properties));
/** Settings of the editor alone (config.ts reads them): no part of what the engine runs with. */
const EDITOR_ONLY = ['languages', 'workspaceMaxFiles', 'codeComments', 'wordnet', 'wordnetHovers', 'wordnetInAnalysis'];

describe('resolveSettings', () => {
  it("defaults to package.json's defaults, key by key", () => {
    const { settings, problems } = resolveSettings({});
    assert.deepEqual(problems, []);
    for (const key of SETTING_KEYS) assert.deepEqual(settings[key], declared[`bertWordSense.${key}`].default, key);
    const keys = Object.keys(declared).map((k) => k.replace('bertWordSense.', '')).filter((k) => !EDITOR_ONLY.includes(k));
    assert.deepEqual([...SETTING_KEYS].sort(), keys.sort(), 'every engine setting of package.json is resolved');
  });

  it('refuses unknown keys, listing the valid ones', () => {
    const { problems } = resolveSettings({ maxPerSense: 3 });
    assert.equal(problems.length, 1);
    assert.equal(problems[0].key, 'maxPerSense');
    assert.match(problems[0].reason, /is not a setting \(valid: model, dtype, .*maxExamplesPerSense/);
  });

  it('checks values by the rules package.json declares, and uses the fallback', () => {
    const { settings, problems } = resolveSettings({ layers: 0, pooling: 'max', knnNeighbours: 101, contextWindow: '32', allowNetwork: 'false' });
    assert.deepEqual(problems.map((p) => p.key), ['layers', 'pooling', 'knnNeighbours']);
    assert.deepEqual([settings.layers, settings.pooling, settings.knnNeighbours], [DEFAULTS.layers, DEFAULTS.pooling, DEFAULTS.knnNeighbours]);
    assert.equal(settings.contextWindow, 32, 'numeric flags count');
    assert.equal(settings.allowNetwork, false);
  });

  it('the paper recipe is the paper\'s 1-NN recipe; the product recipe is the defaults; given values win', () => {
    assert.deepEqual(resolveSettings({}, { recipe: 'product' }).settings, DEFAULTS);
    const paper = resolveSettings({}, { recipe: 'paper' }).settings;
    assert.deepEqual(paper, { ...DEFAULTS, ...RECIPES.paper });
    assert.deepEqual(
      [paper.contextWindow, paper.classifier, paper.maxExamplesPerSense, paper.completeIndexInBackground, paper.layers, paper.pooling, paper.dtype, paper.substitutes],
      [0, 'centroid', 0, false, 4, 'sum', 'fp32', 'off'],
    );
    assert.equal(resolveSettings({ layers: 2 }, { recipe: 'paper' }).settings.layers, 2);
    assert.deepEqual(resolveSettings({}, { recipe: 'best' }).problems.map((p) => p.key), ['recipe']);
  });

  it("the web recipe caps a first index lower on q8 and completes it in the background, substitutes as the desktop's; a user's setting wins", () => {
    const web = resolveSettings({}, { recipe: 'web' }).settings;
    assert.deepEqual(web, { ...DEFAULTS, ...RECIPES.web });
    assert.equal(web.dtype, 'q8');
    assert.ok(web.maxExamplesPerSense > 0 && web.maxExamplesPerSense < DEFAULTS.maxExamplesPerSense, `${web.maxExamplesPerSense}`);
    assert.equal(web.completeIndexInBackground, true);
    assert.equal(web.substitutes, DEFAULTS.substitutes);
    assert.equal(resolveSettings({ maxExamplesPerSense: 50, dtype: 'fp32' }, { recipe: 'web' }).settings.maxExamplesPerSense, 50);
    assert.equal(resolveSettings({ dtype: 'fp32' }, { recipe: 'web' }).settings.dtype, 'fp32');
  });
});

describe('the engine boundary', () => {
  const run = callSettingsOf(DEFAULTS);
  it('refuses an unknown call option (an old name) with the valid names', () => {
    assert.throws(() => checkCallSettings({ ...run, maxPerSense: 3 } as never), /unknown run option "maxPerSense" \(valid: vector, classifier, maxExamplesPerSense/);
    assert.throws(() => checkCallSettings({ ...run, vector: { layers: 4, pooling: 'sum', layer: 1 } } as never), /unknown vector option "layer"/);
  });
  it('checks values and completeness by the settings\' rules', () => {
    assert.doesNotThrow(() => checkCallSettings({ ...run, signal: undefined } as never, ['signal']));
    assert.throws(() => checkCallSettings({ ...run, vector: { layers: 0, pooling: 'sum' } }), /vector.layers must be an integer ≥ 1 \(got 0\)/);
    assert.throws(() => checkCallSettings({ ...run, classifier: { method: 'knn', k: 0, weighted: false } }), /classifier.k must be an integer from 1 to 100/);
    const { substitutes: _, ...missing } = run;
    assert.throws(() => checkCallSettings(missing as never), /substitutes must be unmasked, masked or off/);
  });
  it('refuses unknown engine options', () => {
    const engine = { model: 'a/b', dtype: 'q8', contextWindow: 0, cacheDir: '/tmp', allowNetwork: false } as const;
    assert.doesNotThrow(() => checkEngineOptions(engine, []));
    assert.throws(() => checkEngineOptions({ ...engine, window: 3 } as never, ['logger']), /unknown engine option "window" \(valid: model, .*logger\)/);
    assert.throws(() => checkEngineOptions({ ...engine, contextWindow: -1 }, []), /contextWindow must be an integer ≥ 0/);
  });
});

describe('npm run cli -- --show-settings', () => {
  it("prints the resolved settings; with no other flag, package.json's defaults key by key", () => {
    const env = { ...process.env };
    delete env.COARSEWSD20_DIR;
    const show = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', '--show-settings', ...args], { cwd: REPO, encoding: 'utf8', env, timeout: 60_000 });
    const run = show();
    assert.equal(run.status, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as Record<string, unknown>;
    assert.deepEqual(Object.keys(printed), [...SETTING_KEYS]);
    for (const key of SETTING_KEYS) assert.deepEqual(printed[key], declared[`bertWordSense.${key}`].default, key);
    const paper = JSON.parse(show('--recipe', 'paper', '--layers', '2').stdout);
    assert.deepEqual(paper, { ...DEFAULTS, ...RECIPES.paper, layers: 2 });
    const bad = show('--context-window', 'x');
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /--context-window must be an integer ≥ 0/);
  });
});

describe("the settings' rules read package.json's titled sections", () => {
  it("finds every engine setting's rule in its section", () => {
    const sections = manifest.contributes.configuration as { title: string; order: number; properties: Record<string, { type: string; enum?: string[] }> }[];
    assert.ok(sections.length > 1, 'package.json groups the settings in sections');
    for (const key of SETTING_KEYS) {
      const section = sections.find((s) => `bertWordSense.${key}` in s.properties);
      assert.ok(section, key);
      assert.equal(settingType(key), section.properties[`bertWordSense.${key}`].type, key);
      assert.deepEqual(settingChoices(key), section.properties[`bertWordSense.${key}`].enum, key);
    }
  });

  it('flattens sections and refuses a setting declared twice', () => {
    const a = { type: 'integer', default: 1 };
    const b = { type: 'boolean', default: true };
    assert.deepEqual(declaredSettings([{ title: 'One', properties: { 'x.a': a } }, { title: 'Two', properties: { 'x.b': b } }]), { 'x.a': a, 'x.b': b });
    assert.throws(() => declaredSettings([{ title: 'One', properties: { 'x.a': a } }, { title: 'Two', properties: { 'x.a': b } }]), /declares x\.a twice \(again in "Two"\)/);
  });
});
