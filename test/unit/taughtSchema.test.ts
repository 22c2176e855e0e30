import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as rules from '../../src/senses/taught/rules';

const ROOT = path.join(__dirname, '..', '..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'word-senses.schema.json'), 'utf8'));
const words = schema.properties.words;
const senses = words.additionalProperties.properties.senses;
const sense = senses.additionalProperties;
const example = sense.properties.examples.items;

describe('word-senses JSON Schema', () => {
  it('states the parser\'s rules (the parser owns them; the schema shows them in the editor)', () => {
    assert.equal(words.propertyNames.pattern, rules.WORD_PATTERN);
    assert.equal(words.propertyNames.maxLength, rules.MAX_WORD);
    assert.equal(senses.propertyNames.pattern, rules.SENSE_ID_PATTERN);
    assert.equal(senses.propertyNames.maxLength, rules.MAX_SENSE_ID);
    assert.equal(sense.properties.label.maxLength, rules.MAX_LABEL);
    assert.equal(sense.properties.description.maxLength, rules.MAX_DESCRIPTION);
    assert.equal(example.properties.sentence.maxLength, rules.MAX_SENTENCE);
    assert.equal(words.maxProperties, rules.MAX_WORDS);
    assert.equal(senses.maxProperties, rules.MAX_SENSES);
  });
  it('is what package.json points the taught-senses files at', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(manifest.contributes.jsonValidation, [{ fileMatch: 'word-senses.json', url: './schemas/word-senses.schema.json' }]);
    assert.match(fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8'), /^!schemas\/\*\.json$/m);
  });
  it('derives sense ids from labels, unique within the word', () => {
    assert.equal(rules.senseIdFor('Apple Records', new Set()), 'apple-records');
    assert.equal(rules.senseIdFor('kernel (operating system)', new Set()), 'kernel-operating-system');
    assert.equal(rules.senseIdFor('Café', new Set(['cafe'])), 'cafe-2');
    assert.equal(rules.senseIdFor('!!!', new Set()), 'sense');
    assert.equal(rules.wordProblem('kernel'), undefined);
    assert.equal(rules.wordProblem('t-shirt'), undefined);
    assert.match(rules.wordProblem('two words') ?? '', /is not a word/);
    assert.match(rules.wordProblem('../x') ?? '', /is not a word/);
  });
});
