import { strict as assert } from 'node:assert';
import {
  ALLOWED_STATES,
  criteriaText,
  describeCriteria,
  imageBlockLabel,
  parseCriteria,
} from '../../../../src/core/model/accountGuardrails';

const problem = (text: string): string | undefined => {
  const r = parseCriteria(text);
  return 'problem' in r ? r.problem : undefined;
};

describe('core/model/accountGuardrails', () => {
  it('reads criteria typed as JSON and writes them back the same way', () => {
    const text =
      '[{"imageProviders":["amazon","123456789012"],"imageNames":["al2023-ami-*"],"maximumDaysSinceCreated":300}]';
    const r = parseCriteria(text);
    assert.ok('criteria' in r);
    assert.deepEqual(r.criteria, [
      {
        imageProviders: ['amazon', '123456789012'],
        imageNames: ['al2023-ami-*'],
        maximumDaysSinceCreated: 300,
      },
    ]);
    assert.equal(criteriaText(r.criteria), text);
    assert.equal(
      describeCriteria(r.criteria),
      '1. providers amazon, 123456789012 · names al2023-ami-* · created at most 300 days ago',
    );
    assert.deepEqual(parseCriteria('[]'), { criteria: [] });
  });

  it('refuses what EC2 would refuse, before any call', () => {
    assert.match(problem('not json') ?? '', /Not valid JSON/);
    assert.match(problem('{}') ?? '', /JSON array/);
    assert.match(problem('[{"imageProviders":["amazn"]}]') ?? '', /"amazn" is not a provider/);
    assert.match(problem('[{"imageProviders":["none","amazon"]}]') ?? '', /cannot be combined/);
    assert.match(problem('[{"imageNames":["bad|name"]}]') ?? '', /not a valid name pattern/);
    assert.match(problem('[{"imageNames":["a?"]}]') ?? '', /not a valid name pattern/);
    assert.match(problem('[{"maximumDaysSinceCreated":-1}]') ?? '', /whole number/);
    assert.match(problem('[{"maximumDaysSinceCreated":1.5}]') ?? '', /whole number/);
    assert.match(problem('[{"owner":"me"}]') ?? '', /unknown field "owner"/);
    assert.match(problem('[{}]') ?? '', /is empty/);
    assert.match(
      problem(JSON.stringify(Array(11).fill({ imageNames: ['x*'] }))) ?? '',
      /At most 10/,
    );
    const names = Array.from({ length: 51 }, (_, i) => `n${i}`);
    assert.match(problem(JSON.stringify([{ imageNames: names }])) ?? '', /at most 50 names/);
  });

  it('explains audit mode as blocking nothing', () => {
    const audit = ALLOWED_STATES.find((s) => s.state === 'audit-mode');
    assert.match(audit?.explained ?? '', /Nothing is blocked/);
    assert.equal(imageBlockLabel('block-new-sharing'), 'On: new public sharing of AMIs is blocked');
  });
});
