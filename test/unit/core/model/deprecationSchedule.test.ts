import assert from 'node:assert/strict';
import {
  ceilToMinute,
  parseDeprecationTime,
  publicDeprecationLimit,
  deprecationPresets,
  formatUtcMinute,
  validateDeprecationTime,
} from '../../../../src/core/model/deprecationSchedule';

const NOW = new Date('2025-03-10T12:34:56.789Z');

describe('core/model/deprecationSchedule', () => {
  it('offers presets relative to now, rounded up to the minute', () => {
    const presets = deprecationPresets(NOW).map((p) => [p.label, p.time.toISOString()]);
    assert.deepEqual(presets, [
      ['In 30 days', '2025-04-09T12:35:00.000Z'],
      ['In 90 days', '2025-06-08T12:35:00.000Z'],
      ['In 180 days', '2025-09-06T12:35:00.000Z'],
      ['In 1 year', '2026-03-10T12:35:00.000Z'],
      ['End of this year', '2025-12-31T23:59:00.000Z'],
    ]);
  });

  it('moves "end of year" to next year when less than a day of this one is left', () => {
    const late = new Date('2025-12-31T08:00:00Z');
    const last = deprecationPresets(late).at(-1);
    assert.deepEqual(
      [last?.label, last?.time.toISOString()],
      ['End of 2026', '2026-12-31T23:59:00.000Z'],
    );
  });

  it('every preset passes the same validation as a typed time', () => {
    for (const now of [NOW, new Date('2024-02-29T23:59:59Z'), new Date('2025-12-31T23:00:00Z')]) {
      for (const preset of deprecationPresets(now)) {
        assert.equal(
          validateDeprecationTime(formatUtcMinute(preset.time), now, []),
          undefined,
          preset.label,
        );
      }
    }
  });

  it('formats and rounds UTC minutes', () => {
    assert.equal(formatUtcMinute(new Date('2027-01-31T18:00:00Z')), '2027-01-31 18:00');
    assert.equal(
      ceilToMinute(new Date('2025-01-01T00:00:00Z')).toISOString(),
      '2025-01-01T00:00:00.000Z',
    );
    assert.equal(
      ceilToMinute(new Date('2025-01-01T00:00:01Z')).toISOString(),
      '2025-01-01T00:01:00.000Z',
    );
  });

  it('validates typed times: format, real date, future, at most 10 years', () => {
    assert.equal(validateDeprecationTime('2025-03-10 12:36', NOW, []), undefined);
    assert.match(validateDeprecationTime('2025-03-10 12:34', NOW, []) ?? '', /future/);
    assert.match(validateDeprecationTime('2020-01-01 00:00', NOW, []) ?? '', /future/);
    assert.match(validateDeprecationTime('next week', NOW, []) ?? '', /YYYY-MM-DD HH:MM/);
    assert.match(validateDeprecationTime('2025-02-30 10:00', NOW, []) ?? '', /not a real date/);
    assert.match(validateDeprecationTime('2035-03-10 12:36', NOW, []) ?? '', /10 years/);
    assert.equal(validateDeprecationTime('2035-03-10 12:34', NOW, []), undefined);
  });

  describe('public AMIs: at most 2 years after their creation date', () => {
    const created = '2024-06-01T08:00:00.000Z';
    const publicAmi = { imageId: 'ami-0123456789abcdef0', isPublic: true, creationDate: created };
    const privateAmi = { imageId: 'ami-0fedcba9876543210', isPublic: false, creationDate: created };

    it('refuses a time more than 2 years after creation on a public AMI, naming it and the limit', () => {
      assert.equal(
        validateDeprecationTime('2026-06-01 08:01', NOW, [publicAmi]),
        'ami-0123456789abcdef0 is public: EC2 accepts a deprecation time up to 2 years after its creation date, so at most 2026-06-01 08:00 UTC.',
      );
      assert.equal(validateDeprecationTime('2026-06-01 08:00', NOW, [publicAmi]), undefined);
    });

    it('keeps the 10-year limit for an AMI that is not public', () => {
      assert.equal(validateDeprecationTime('2030-01-01 00:00', NOW, [privateAmi]), undefined);
      assert.equal(publicDeprecationLimit(privateAmi, NOW), undefined);
    });

    it('applies the strictest limit when one time is set for several AMIs', () => {
      assert.match(
        validateDeprecationTime('2027-01-01 00:00', NOW, [privateAmi, publicAmi]) ?? '',
        /^ami-0123456789abcdef0 is public/,
      );
    });

    it('says when a public AMI is past its 2 years already', () => {
      const old = { isPublic: true, creationDate: '2022-01-01T00:00:00Z' };
      assert.equal(
        validateDeprecationTime('2025-04-01 00:00', NOW, [old]),
        'The AMI is public: EC2 accepts a deprecation time up to 2 years after its creation date, and that was 2024-01-01 00:00 UTC.',
      );
    });

    it('counts from now when the creation date is unknown', () => {
      assert.equal(
        publicDeprecationLimit({ isPublic: true }, NOW)?.toISOString(),
        '2027-03-10T12:34:56.789Z',
      );
    });

    it('returns the rounded time it checked', () => {
      assert.deepEqual(parseDeprecationTime('2025-04-01 10:00:40', NOW, [publicAmi]), {
        time: new Date('2025-04-01T10:01:00Z'),
      });
    });
  });
});
