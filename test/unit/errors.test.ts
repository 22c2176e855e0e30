import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeError } from '../../src/shared/errors';

describe('describeError', () => {
  const error = new Error('Download failed.', { cause: new Error('ECONNRESET') });

  it('lists the cause chain, one line each, for logs', () => {
    assert.equal(describeError(error), 'Download failed.\ncaused by: ECONNRESET');
  });

  it('gives the message alone with causes: false, and strings of what is not an Error', () => {
    assert.equal(describeError(error, { causes: false }), 'Download failed.');
    assert.equal(describeError('plain', { causes: false }), 'plain');
    assert.equal(describeError(42), '42');
  });
});
