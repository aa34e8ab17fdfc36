import assert from 'node:assert/strict';
import { testApi } from '../../src/testApi';

describe('testApi', () => {
  it('hands nothing out in production, so no other extension reaches the services', () => {
    let built = false;
    const api = testApi(true, () => {
      built = true;
      return { confirmPublic: () => Promise.resolve(true) };
    });
    assert.equal(api, undefined);
    assert.equal(built, false, 'the parts are not even assembled');
  });

  it('hands the parts to tests in development and test mode', () => {
    const parts = { imagesTree: {} };
    assert.equal(
      testApi(false, () => parts),
      parts,
    );
  });
});
