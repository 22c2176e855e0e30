import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';

const REPO = path.resolve(__dirname, '../..');

interface Setting {
  scope?: string;
  markdownDescription?: string;
  description?: string;
  order?: number;
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  icon?: string;
  galleryBanner?: { color?: string; theme?: string };
  keywords?: string[];
  pricing?: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    configuration: { title: string; order?: number; properties: Record<string, Setting> }[];
  };
  capabilities: { untrustedWorkspaces: { supported: string | boolean; restrictedConfigurations?: string[] } };
};
const sections = manifest.contributes.configuration;
const settings: Record<string, Setting> = Object.assign({}, ...sections.map((s) => s.properties));

describe('package.json', () => {
  it('machine-scopes every setting that chooses what is loaded or fetched, and restricts them in untrusted workspaces', () => {
    const sensitive = ['model', 'dtype', 'datasetFolder', 'allowNetwork'].map((k) => `bertWordSense.${k}`);
    for (const key of sensitive) assert.equal(settings[key]?.scope, 'machine', key);
    // A remote window reads them from the remote machine's settings only.
    for (const [key, value] of Object.entries(settings)) {
      assert.equal(/\*\*Remote\*\* tab/.test(value.markdownDescription ?? ''), value.scope === 'machine', `${key}: the Remote tab is named exactly for machine settings`);
    }
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
    assert.deepEqual(ids, ['analyzeSelection', 'analyzeWorkspace', 'clearCache', 'deleteSense', 'forgetExample', 'openTaughtExample', 'plotSenses', 'refreshTaughtSenses', 'renameSense', 'selectModelFolder', 'showLog', 'showTaughtSenses', 'teachSense'].map((c) => `bertWordSense.${c}`));
  });

  it('the Taught Senses view: its menus name declared commands, inline ones with an icon, and it has a welcome', () => {
    const { commands, menus, views, viewsWelcome } = manifest.contributes as unknown as {
      commands: { command: string; icon?: string }[];
      menus: Record<string, { command: string; when?: string; group?: string }[]>;
      views: Record<string, { id: string }[]>;
      viewsWelcome: { view: string; contents: string }[];
    };
    assert.deepEqual(views.explorer.map((v) => v.id), ['bertWordSense.taughtSenses']);
    const declared = new Map(commands.map((c) => [c.command, c]));
    for (const entry of [...menus['view/title'], ...menus['view/item/context']]) {
      assert.ok(declared.has(entry.command), entry.command);
      assert.match(entry.when ?? '', /^view == bertWordSense\.taughtSenses\b/, entry.command);
      if (entry.group?.startsWith('inline') || menus['view/title'].includes(entry)) assert.match(declared.get(entry.command)?.icon ?? '', /^\$\([a-z-]+\)$/, entry.command);
    }
    const inline = menus['view/item/context'].filter((e) => e.group?.startsWith('inline')).map((e) => `${/viewItem == (\w+)/.exec(e.when ?? '')?.[1]}: ${e.command}`);
    assert.deepEqual(inline.sort(), ['taughtExample: bertWordSense.forgetExample', 'taughtSense: bertWordSense.deleteSense', 'taughtSense: bertWordSense.renameSense', 'taughtWord: bertWordSense.plotSenses']);
    const welcome = viewsWelcome.find((w) => w.view === 'bertWordSense.taughtSenses');
    assert.match(welcome?.contents ?? '', /\[Teach Sense…\]\(command:bertWordSense\.teachSense\)/);
  });

  it('groups the settings in titled sections, each ordered, and orders the settings inside them', () => {
    assert.deepEqual(sections.map((s) => s.title), ['Model', 'Senses', 'Hovers', 'WordNet', 'Analysis']);
    assert.deepEqual(sections.map((s) => s.order), [1, 2, 3, 4, 5]);
    for (const section of sections) {
      const orders = Object.values(section.properties).map((p) => p.order);
      assert.deepEqual(orders, orders.map((_, i) => i + 1), `${section.title}: orders 1..n in the file's order`);
    }
  });

  it('ships a 128×128 PNG icon and gallery metadata', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(REPO, manifest.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'IHDR width and height');
    assert.match(manifest.galleryBanner?.color ?? '', /^#[0-9a-f]{6}$/i);
    assert.ok(['dark', 'light'].includes(manifest.galleryBanner?.theme ?? ''));
    assert.equal(manifest.pricing, 'Free');
    // The Marketplace takes at most 30 keywords.
    assert.ok((manifest.keywords ?? []).length > 0 && (manifest.keywords ?? []).length <= 30);
  });

  it('shows the taught-sense commands once something is taught, the editor menu entries in its languages, and only its commands', () => {
    const declared = new Set(manifest.contributes.commands.map((c) => c.command));
    for (const [menu, entries] of Object.entries(manifest.contributes.menus)) {
      for (const e of entries) assert.ok(declared.has(e.command), `${menu}: ${e.command} is not a declared command`);
    }
    const palette = new Map(manifest.contributes.menus.commandPalette.map((e) => [e.command, e.when]));
    for (const c of ['showTaughtSenses', 'renameSense', 'forgetExample', 'deleteSense']) {
      assert.equal(palette.get(`bertWordSense.${c}`), 'bertWordSense.hasTaughtSenses', c);
    }
    // The editor menu's entries: only in the documents of the languages setting.
    const context = manifest.contributes.menus['editor/context'];
    assert.deepEqual(context.map((e) => e.command).sort(), ['analyzeSelection', 'plotSenses', 'teachSense'].map((c) => `bertWordSense.${c}`));
    for (const e of context) assert.equal(e.when, 'editorLangId in bertWordSense.supportedLanguages', e.command);
  });
});
