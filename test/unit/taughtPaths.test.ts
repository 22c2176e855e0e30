import '../fakes/installVscode';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import * as vscode from 'vscode';
import { linkedOutside, sourceName, sourceTarget } from '../../src/vscode/taughtPaths';

const folder = vscode.Uri.file('/work/project');
const opened = (file: string, fromWorkspaceFile = true) => {
  const t = sourceTarget(file, fromWorkspaceFile, folder);
  return 'uri' in t ? t.uri.toString() : `refused: ${t.refused}`;
};

describe('taught example sources', () => {
  it('the workspace file opens only files of the workspace', () => {
    assert.equal(opened('notes/a.md'), 'file:///work/project/notes/a.md');
    assert.equal(opened('file:///work/project/notes/a.md'), 'file:///work/project/notes/a.md');
    for (const bad of ['../secret.md', 'notes/../../x', '/etc/passwd', 'file:///etc/passwd', 'file:///work/project/../x', 'file:///work/projectile/a.md', 'https://example.com/x', 'command:workbench.action.terminal.new', 'vscode-remote://host/work/project/a.md']) {
      assert.match(opened(bad), /^refused: .* is not a file of this workspace/, bad);
    }
  });
  it("the user's own file opens its sources as written, but relative paths stay inside the workspace", () => {
    assert.equal(opened('file:///home/me/notes.md', false), 'file:///home/me/notes.md');
    assert.match(opened('../x.md', false), /^refused/);
  });
  it('names a source relative to the folder when written into the workspace file', () => {
    assert.equal(sourceName(vscode.Uri.file('/work/project/notes/a.md'), true, folder), 'notes/a.md');
    assert.equal(sourceName(vscode.Uri.file('/work/project/notes/a.md'), false, folder), 'file:///work/project/notes/a.md');
    assert.equal(sourceName(vscode.Uri.file('/elsewhere/a.md'), true, folder), 'file:///elsewhere/a.md');
  });
});

describe('the workspace taught-senses file behind links', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bws-links-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const workspace = (name: string) => {
    const root = path.join(dir, name);
    fs.mkdirSync(root, { recursive: true });
    return { root, file: vscode.Uri.file(path.join(root, '.vscode', 'word-senses.json')), folder: vscode.Uri.file(root) };
  };
  it('refuses a .vscode folder or a file that links out of the workspace, and follows links inside it', () => {
    fs.mkdirSync(path.join(dir, 'outside'));
    const a = workspace('a');
    fs.symlinkSync(path.join(dir, 'outside'), path.join(a.root, '.vscode'));
    assert.match(linkedOutside(a.file, a.folder) ?? '', /is a link to .*outside, outside the workspace/);

    const b = workspace('b');
    fs.mkdirSync(path.join(b.root, '.vscode'));
    fs.writeFileSync(path.join(dir, 'outside', 'shared.json'), '{}');
    fs.symlinkSync(path.join(dir, 'outside', 'shared.json'), b.file.fsPath);
    assert.match(linkedOutside(b.file, b.folder) ?? '', /outside the workspace/);

    const c = workspace('c');
    fs.mkdirSync(path.join(c.root, 'config'));
    fs.symlinkSync(path.join(c.root, 'config'), path.join(c.root, '.vscode'));
    assert.equal(linkedOutside(c.file, c.folder), undefined);
    assert.equal(linkedOutside(workspace('d').file, workspace('d').folder), undefined);
  });
});
