import assert from 'node:assert/strict';
import { ALL_CONTEXT_TOKENS, CONTEXT_TOKENS, contextValue } from '../../../src/tree/contextValues';

describe('tree/contextValues', () => {
  it('joins tokens with ; and leaves out false and undefined', () => {
    const T = CONTEXT_TOKENS;
    const owned = false as boolean;
    assert.equal(
      contextValue(T.image, T.ebs, owned && T.owned, undefined, T.available, T.hasName),
      'image;ebs;available;hasName',
    );
    assert.equal(contextValue(), '');
  });

  it('every token is one word, so /\\btoken\\b/ matches it exactly', () => {
    for (const token of ALL_CONTEXT_TOKENS) assert.match(token, /^\w+$/, token);
  });

  it('ALL_CONTEXT_TOKENS holds every token value, and each key names its own value', () => {
    const values = Object.values(CONTEXT_TOKENS);
    assert.equal(ALL_CONTEXT_TOKENS.size, values.length, 'two keys share one token');
    for (const [key, value] of Object.entries(CONTEXT_TOKENS)) {
      assert.ok(ALL_CONTEXT_TOKENS.has(value));
      assert.equal(key.toLowerCase(), value.toLowerCase(), key);
    }
  });

  it('a kind token is not a prefix match of another under \\b (region vs imagesRegion)', () => {
    const value = contextValue(CONTEXT_TOKENS.region, CONTEXT_TOKENS.imagesRegion);
    assert.match(value, /\bregion\b/);
    assert.doesNotMatch(contextValue(CONTEXT_TOKENS.imagesRegion), /\bregion\b/);
  });
});
