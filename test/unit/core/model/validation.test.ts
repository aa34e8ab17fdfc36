import assert from 'node:assert/strict';
import {
  isAccountId,
  isAmiId,
  isInstanceId,
  isRegionName,
  parseAccountIds,
  splitNameFilter,
  partitionOfRegion,
  validateAccountId,
  validateAccountRegion,
  validateAmiId,
  validateNameFilter,
  validateRegionName,
} from '../../../../src/core/model/validation';

const NAME_FILTER_HELP =
  "A name filter uses the characters of AMI names (letters, digits, spaces and ( ) [ ] . / - ' @ _) plus the wildcards * and ?;";

describe('core/model/validation', () => {
  describe('AMI ids', () => {
    it('accepts ami- with 8 or 17 lowercase hex digits', () => {
      assert.equal(isAmiId('ami-12345678'), true);
      assert.equal(isAmiId('ami-0abcdef1234567890'), true);
    });

    it('rejects other lengths, uppercase, other prefixes and surrounding text', () => {
      for (const bad of [
        'ami-1234567',
        'ami-123456789',
        'ami-0abcdef123456789',
        'ami-0abcdef12345678901',
        'ami-0ABCDEF1234567890',
        'AMI-12345678',
        'ami-1234567g',
        'i-12345678',
        ' ami-12345678',
        'ami-12345678 ',
        '',
      ]) {
        assert.equal(isAmiId(bad), false, bad);
      }
    });

    it('explains each kind of mistake', () => {
      assert.equal(validateAmiId(''), 'Enter an AMI id, for example ami-0abcdef1234567890.');
      assert.equal(validateAmiId('   '), 'Enter an AMI id, for example ami-0abcdef1234567890.');
      assert.equal(validateAmiId('i-12345678'), 'An AMI id starts with "ami-".');
      assert.equal(validateAmiId('ami-0ABCDEF1234567890'), 'AMI ids are lowercase.');
      assert.equal(
        validateAmiId('ami-123'),
        'An AMI id is "ami-" followed by 8 or 17 hexadecimal digits.',
      );
      assert.equal(
        validateAmiId('ami-zzzzzzzz'),
        'An AMI id is "ami-" followed by 8 or 17 hexadecimal digits.',
      );
    });

    it('accepts valid ids with surrounding whitespace (as pasted)', () => {
      assert.equal(validateAmiId('  ami-0abcdef1234567890\n'), undefined);
      assert.equal(validateAmiId('ami-12345678'), undefined);
    });
  });

  it('recognises instance ids with 8 or 17 hex digits', () => {
    assert.equal(isInstanceId('i-12345678'), true);
    assert.equal(isInstanceId('i-0123456789abcdef0'), true);
    assert.equal(isInstanceId('i-123456789'), false);
    assert.equal(isInstanceId('i-0123456789ABCDEF0'), false);
    assert.equal(isInstanceId('ami-12345678'), false);
  });

  describe('region names', () => {
    it('accepts standard, GovCloud, China and ISO partitions', () => {
      for (const region of [
        'us-east-1',
        'ap-southeast-2',
        'eu-central-1',
        'us-gov-west-1',
        'cn-north-1',
        'eu-isoe-west-1',
        'il-central-1',
        'ap-southeast-12',
      ]) {
        assert.equal(isRegionName(region), true, region);
      }
    });

    it('rejects typos, uppercase, availability zones and local zones', () => {
      for (const bad of [
        'us-east',
        'US-EAST-1',
        'us-east-1a',
        'useast1',
        'us_east_1',
        'us-east-123',
        'us-west-2-lax-1a',
        '',
      ]) {
        assert.equal(isRegionName(bad), false, bad);
      }
    });

    it('accepts the regions of every partition the SDK knows', () => {
      for (const region of [
        'eusc-de-east-1',
        'us-gov-west-1',
        'us-gov-east-1',
        'cn-north-1',
        'cn-northwest-1',
        'us-iso-east-1',
        'us-isob-east-1',
        'us-isof-south-1',
        'eu-isoe-west-1',
        'mx-central-1',
        'ca-west-1',
        'af-south-1',
        'me-central-1',
      ]) {
        assert.equal(validateRegionName(region), undefined, region);
      }
    });

    it('refuses names that only look like regions: unknown prefix or direction, leading zero', () => {
      for (const bad of [
        'xx-fake-1',
        'us-east-01',
        'us-east-0',
        'us-fake-1',
        'zz-north-1',
        'eusc-fr-east-1',
        'us-gov-1',
        'cn-north-01',
      ]) {
        assert.equal(
          validateRegionName(bad),
          `"${bad}" is not a region name such as us-east-1.`,
          bad,
        );
      }
    });

    it('knows the ARN partition of each region', () => {
      assert.equal(partitionOfRegion('us-east-1'), 'aws');
      assert.equal(partitionOfRegion('us-gov-west-1'), 'aws-us-gov');
      assert.equal(partitionOfRegion('cn-north-1'), 'aws-cn');
      assert.equal(partitionOfRegion('us-iso-east-1'), 'aws-iso');
      assert.equal(partitionOfRegion('us-isob-east-1'), 'aws-iso-b');
      assert.equal(partitionOfRegion('eu-isoe-west-1'), 'aws-iso-e');
      assert.equal(partitionOfRegion('us-isof-south-1'), 'aws-iso-f');
      assert.equal(partitionOfRegion('eusc-de-east-1'), 'aws-eusc');
      assert.equal(partitionOfRegion('xx-fake-1'), undefined);
    });

    it('validateAccountRegion refuses a region outside a known account list', () => {
      const account = ['us-east-1', 'eu-west-1'];
      assert.equal(validateAccountRegion(' eu-west-1 ', account), undefined);
      assert.equal(
        validateAccountRegion('ap-south-2', account),
        'ap-south-2 is not one of the regions enabled for this account.',
      );
      assert.equal(
        validateAccountRegion('us-east-01', account),
        '"us-east-01" is not a region name such as us-east-1.',
      );
    });

    it('validateAccountRegion checks only the shape while the list is unknown (empty)', () => {
      assert.equal(validateAccountRegion('ap-south-2', []), undefined);
      assert.match(validateAccountRegion('xx-fake-1', []) ?? '', /not a region name/);
    });

    it('shows control characters in a refused name as escapes', () => {
      assert.equal(
        validateRegionName('us-east-1\u001b[31m'),
        '"us-east-1\\x1B[31m" is not a region name such as us-east-1.',
      );
    });

    it('explains the problem with the trimmed value', () => {
      assert.equal(validateRegionName(''), 'Enter a region, for example us-east-1.');
      assert.equal(validateRegionName(' us-east-1 '), undefined);
      assert.equal(
        validateRegionName(' us-east-1a '),
        '"us-east-1a" is not a region name such as us-east-1.',
      );
    });
  });

  describe('account ids', () => {
    it('are exactly 12 digits, leading zeros included', () => {
      assert.equal(isAccountId('012345678901'), true);
      assert.equal(isAccountId('12345678901'), false);
      assert.equal(isAccountId('1234567890123'), false);
      assert.equal(isAccountId('12345678901a'), false);
      assert.equal(validateAccountId(' 012345678901 '), undefined);
      assert.equal(validateAccountId('1234'), '"1234" is not an AWS account id (12 digits).');
      assert.equal(
        validateAccountId('1234\r\n5678'),
        '"1234\\r\\n5678" is not an AWS account id (12 digits).',
      );
    });

    it('parseAccountIds splits on commas, spaces, semicolons and newlines', () => {
      assert.deepEqual(
        parseAccountIds(
          '111111111111, 222222222222\n333333333333\r\n444444444444;555555555555\t666666666666',
        ),
        {
          ids: [
            '111111111111',
            '222222222222',
            '333333333333',
            '444444444444',
            '555555555555',
            '666666666666',
          ],
          errors: [],
        },
      );
    });

    it('parseAccountIds drops duplicates, keeps first-seen order and reports bad entries', () => {
      assert.deepEqual(parseAccountIds(',, 222222222222,111111111111 222222222222, 12345 ,abc'), {
        ids: ['222222222222', '111111111111'],
        errors: [
          '"12345" is not an AWS account id (12 digits).',
          '"abc" is not an AWS account id (12 digits).',
        ],
      });
    });

    it('parseAccountIds of blank input is empty', () => {
      assert.deepEqual(parseAccountIds('  \n , '), { ids: [], errors: [] });
    });
  });

  describe('name filters', () => {
    it('allows empty (no filter) and AMI-name characters with * and ? wildcards', () => {
      for (const ok of [
        '',
        '   ',
        'ubuntu/images/*',
        'al2023-ami-2023.?.*-x86_64',
        "my image (v1) [test] o'brien@team_x",
        'a*, b?',
        'x'.repeat(128),
      ]) {
        assert.equal(validateNameFilter(ok), undefined, ok);
      }
    });

    it('rejects other characters, naming the pattern', () => {
      assert.equal(validateNameFilter('name{1}'), `${NAME_FILTER_HELP} "name{1}" has others.`);
      assert.equal(validateNameFilter('a*, naïve*'), `${NAME_FILTER_HELP} "naïve*" has others.`);
      assert.equal(validateNameFilter('a;b'), `${NAME_FILTER_HELP} "a;b" has others.`);
    });

    it('applies the 128-character limit to each pattern, not to the list', () => {
      assert.equal(validateNameFilter(`${'x'.repeat(128)}, ${'y'.repeat(128)}`), undefined);
      assert.equal(
        validateNameFilter(`a*, ${'x'.repeat(129)}`),
        `A name pattern has at most 128 characters; "${'x'.repeat(23)}…" has 129. Separate several patterns with commas.`,
      );
    });

    it('quotes a refused pattern safely', () => {
      assert.equal(validateNameFilter('web\u0007*'), `${NAME_FILTER_HELP} "web\\x07*" has others.`);
    });

    it('rejects a filter made of commas only', () => {
      assert.equal(validateNameFilter(', ,'), 'The name filter has no pattern in it.');
    });

    it('splitNameFilter trims patterns and drops empty ones', () => {
      assert.deepEqual(splitNameFilter(' a* ,, b?c ,'), ['a*', 'b?c']);
      assert.deepEqual(splitNameFilter(''), []);
      assert.deepEqual(splitNameFilter('my image *'), ['my image *']);
    });
  });
});
