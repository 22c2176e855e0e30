/**
 * End-to-end in a browser's extension host: a hub model and the word's CoarseWSD-20 data downloaded
 * in the browser. Run with
 *   E2E_HOST=web E2E_TESTS=test/e2e/webHub.e2e.ts npm run test:e2e
 * There is no internet here, so the hub is this file's own HTTPS server on 127.0.0.1 with a
 * self-signed certificate, and chromium is told that huggingface.co, cdn-lfs.hf.co and
 * raw.githubusercontent.com are that server (`--host-resolver-rules`, `--ignore-certificate-errors`):
 * the extension runs with its default addresses, as a user's does. Like those hosts, the server sends
 * `Access-Control-Allow-Origin: *`, and it redirects the ONNX file to the CDN host as the hub does.
 * The data it serves is run.sh's copy of CoarseWSD-20's bank (never committed). Skipped in the
 * default (desktop) run.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { BANK_SENSES, RIVER } from './scenarios';
import { env, extensionLog, hoverWinner, hoverWord, openFile, reloadWindow, screenshot, useWorkbench } from './workbench';

const MODEL = 'test/tiny-bert';
/** What the web recipe loads (q8) and the files every model has. */
const FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model_quantized.onnx'];
const HUB = 'huggingface.co';
const CDN = 'cdn-lfs.hf.co';
/** Where the dataset's files are by default (src/senses/dataset.ts). */
const RAW = 'raw.githubusercontent.com';
const DATA_PATH = '/danlou/bert-disambiguation/master/data/CoarseWSD-20/';

let page: Page;
let hub: Hub;
/** The settings files as run.sh wrote them, put back after this file. */
const restore: Array<[string, string]> = [];
/** Chromium's flags that send the hub's host names to `hub`. */
let args: string[] = [];

describe('a hub model in the web worker extension host', { skip: process.env.E2E_HOST !== 'web' && 'run with E2E_HOST=web', timeout: 15 * 60_000 }, () => {
  before(async () => {
    hub = await startHub(env('E2E_MODEL_DIR'), env('E2E_DATA_DIR'), env('E2E_RUN_DIR'));
    const user = env('E2E_USER_SETTINGS');
    // code-server is a remote window: the model and network settings are machine-scoped (run.sh).
    for (const file of [user, join(dirname(user), '..', 'Machine', 'settings.json')]) {
      const text = readFileSync(file, 'utf8');
      restore.push([file, text]);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(text), 'bertWordSense.model': MODEL, 'bertWordSense.datasetFolder': '', 'bertWordSense.allowNetwork': true }, null, 2) + '\n');
    }
    const rules = [HUB, CDN, RAW].map((host) => `MAP ${host} 127.0.0.1:${hub.port}`).join(', ');
    args = [`--host-resolver-rules=${rules}`, '--ignore-certificate-errors'];
  });
  useWorkbench(
    'webhub-zz-last',
    (s) => {
      page = s.page;
    },
    {
      consoleLog: 'browser-console-hub.log',
      get args() {
        return args;
      },
      closing: async () => {
        await hub?.stop();
        for (const [file, text] of restore) writeFileSync(file, text);
      },
    },
  );

  test('a hover over "bank" answers once the model and the word\'s data are downloaded, and the log names the download', async () => {
    await openFile(page, 'bank.txt', RIVER.anchor);
    const hover = await hoverWord(page, RIVER.anchor, RIVER.word, (text) => hoverWinner(text, 'bank') !== undefined, 240_000);
    await screenshot(page, 'webhub-hover');
    assert.ok(BANK_SENSES.includes(hoverWinner(hover, 'bank') ?? ''), hover);
    await page.mouse.move(5, 5);
    const onnx = `https://${HUB}/${MODEL}/resolve/main/onnx/model_quantized.onnx`;
    // The log names the download (extensionLog fails otherwise).
    await extensionLog(page, `Downloading ${onnx}`);
    await screenshot(page, 'webhub-log');
    // Each file once, from the browser, the ONNX file through the CDN's redirect.
    assert.deepEqual(hub.requests.filter((r) => r.startsWith(`${HUB} `)).sort(), FILES.map((f) => `${HUB} /${MODEL}/resolve/main/${f}`).sort());
    assert.deepEqual(hub.requests.filter((r) => r.startsWith(`${CDN} `)), [`${CDN} /${MODEL}/onnx/model_quantized.onnx`]);
    const data = ['classes_map.txt', 'train.data.txt', 'train.gold.txt'].map((f) => `${RAW} ${DATA_PATH}bank/${f}`);
    assert.deepEqual(hub.requests.filter((r) => r.startsWith(`${RAW} `)).sort(), data);
  });

  test('after a reload the hover answers from the browser\'s copy, with no request to the hub', async () => {
    hub.requests.length = 0;
    hub.down = true;
    await reloadWindow(page);
    await openFile(page, 'bank.txt', RIVER.anchor);
    const hover = await hoverWord(page, RIVER.anchor, RIVER.word, (text) => hoverWinner(text, 'bank') !== undefined, 240_000);
    await screenshot(page, 'webhub-reload-hover');
    assert.ok(BANK_SENSES.includes(hoverWinner(hover, 'bank') ?? ''), hover);
    assert.deepEqual(hub.requests, [], 'the cached model made requests');
  });
});

interface Hub {
  readonly port: number;
  /** `<host> <path>` of each request. */
  readonly requests: string[];
  /** Answer every request with 503 (still recorded). */
  down: boolean;
  stop(): Promise<void>;
}

/**
 * The model folder in the hub's layout and the dataset in GitHub's, over HTTPS, with the hosts' CORS
 * header and the hub's CDN redirect.
 */
async function startHub(modelDir: string, dataDir: string, runDir: string): Promise<Hub> {
  const key = join(runDir, 'hub-key.pem');
  const cert = join(runDir, 'hub-cert.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', cert, '-days', '1', '-subj', `/CN=${HUB}`, '-addext', `subjectAltName=DNS:${HUB},DNS:${CDN},DNS:${RAW}`], { stdio: 'ignore' });
  const state = { down: false };
  const requests: string[] = [];
  const cors = { 'access-control-allow-origin': '*' };
  const server = https.createServer({ key: readFileSync(key), cert: readFileSync(cert) }, async (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    const url = decodeURIComponent(new URL(req.url ?? '/', 'https://x').pathname);
    requests.push(`${host} ${url}`);
    if (state.down) return void res.writeHead(503, cors).end();
    const resolve = host === HUB ? new RegExp(`^/${MODEL}/resolve/main/(.+)$`).exec(url)?.[1] : undefined;
    if (resolve?.startsWith('onnx/')) return void res.writeHead(302, { ...cors, location: `https://${CDN}/${MODEL}/${resolve}` }).end();
    const onnx = host === CDN ? new RegExp(`^/${MODEL}/(onnx/.+)$`).exec(url)?.[1] : undefined;
    const data = host === RAW && url.startsWith(DATA_PATH) ? /^bank\/[\w.]+$/.exec(url.slice(DATA_PATH.length))?.[0] : undefined;
    const file = resolve || onnx ? join(modelDir, (resolve ?? onnx)!) : data && join(dataDir, data);
    const body = file && (await fs.readFile(file).catch(() => undefined));
    if (!body) return void res.writeHead(404, cors).end('Entry not found');
    res.writeHead(200, { ...cors, 'content-length': body.length, 'content-type': 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as AddressInfo).port,
    requests,
    get down() {
      return state.down;
    },
    set down(value: boolean) {
      state.down = value;
    },
    stop() {
      server.closeAllConnections();
      return new Promise((done) => server.close(() => done()));
    },
  };
}
