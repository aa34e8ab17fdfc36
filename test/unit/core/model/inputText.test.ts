import assert from 'node:assert/strict';
import { charLength, quoted, shown } from '../../../../src/core/model/inputText';

describe('core/model/inputText', () => {
  it('charLength counts Unicode characters, not UTF-16 code units', () => {
    assert.equal(charLength(''), 0);
    assert.equal(charLength('abc'), 3);
    assert.equal('😀'.length, 2);
    assert.equal(charLength('😀'.repeat(100)), 100);
    assert.equal(charLength('é'), 1);
  });

  it('escapes control characters by name or code', () => {
    assert.equal(shown('a\nb\tc\rd'), 'a\\nb\\tc\\rd');
    assert.equal(shown('\u0000\u0007\u001b[31m\u007f\u0085'), '\\x00\\x07\\x1B[31m\\x7F\\x85');
  });

  it('escapes invisible and reordering characters', () => {
    assert.equal(shown('abc\u202Efed'), 'abc\\u202Efed');
    assert.equal(shown('\u200B\u2028\u2066\uFEFF\u00AD'), '\\u200B\\u2028\\u2066\\uFEFF\\xAD');
  });

  it('escapes an unpaired surrogate but keeps a paired one', () => {
    assert.equal(shown('\uD83D'), '\\uD83D');
    assert.equal(shown('😀'), '😀');
  });

  it('leaves ordinary text, accents and emoji alone', () => {
    assert.equal(shown('café ü 東京 😀 "q"'), 'café ü 東京 😀 "q"');
  });

  it('shortens long input without splitting a character', () => {
    assert.equal(shown('x'.repeat(61)), `${'x'.repeat(59)}…`);
    assert.equal(shown('x'.repeat(60)), 'x'.repeat(60));
    assert.equal(shown('😀'.repeat(10), 5), '😀😀😀😀…');
  });

  it('quoted wraps the shown text in double quotes', () => {
    assert.equal(quoted('a\nb'), '"a\\nb"');
    assert.equal(quoted('abcdef', 4), '"abc…"');
  });
});
