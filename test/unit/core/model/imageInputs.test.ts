import assert from 'node:assert/strict';
import {
  DEFAULT_EBS_KEY_ALIAS,
  normalizeManifestPath,
  parseFutureUtcTime,
  parseKmsKey,
  parseUtcMinute,
  validateAmiName,
  validateBucketName,
  validateDescription,
  validateDeviceName,
  validateKmsKey,
  validateManifestPath,
  validateTagKey,
  validateTagValue,
} from '../../../../src/core/model/imageInputs';

const KEY = '1234abcd-12ab-34cd-56ef-1234567890ab';
const MRK = `mrk-${'0123456789abcdef'.repeat(2)}`;

describe('core/model/imageInputs', () => {
  describe('validateAmiName', () => {
    it("accepts 3–128 characters of letters, digits, spaces and ( ) [ ] . / - ' @ _", () => {
      for (const name of ['web', "web-1 2026-11-26 (final) [x86_64] ./'@_", 'a'.repeat(128)]) {
        assert.equal(validateAmiName(name), undefined, name);
      }
    });
    it('measures the trimmed name', () => {
      assert.equal(validateAmiName('  abc  '), undefined);
      assert.match(validateAmiName('  ab  ') ?? '', /at least 3/);
    });
    it('refuses too short and too long names, saying how long', () => {
      assert.match(validateAmiName('') ?? '', /at least 3 characters/);
      assert.match(
        validateAmiName('a'.repeat(129)) ?? '',
        /at most 128 characters \(this one has 129\)/,
      );
    });
    it('names each character it refuses, once', () => {
      assert.equal(
        validateAmiName('web:1:2*'),
        "An AMI name may only use letters, digits, spaces and ( ) [ ] . / - ' @ _ (not: : *).",
      );
      assert.match(validateAmiName('café-image') ?? '', /\(not: é\)/);
    });
  });

  it('validateAmiName shows refused control characters as escapes', () => {
    assert.equal(
      validateAmiName('web\u001b[2J\u202e'),
      "An AMI name may only use letters, digits, spaces and ( ) [ ] . / - ' @ _ (not: \\x1B \\u202E).",
    );
  });

  describe('validateDescription', () => {
    it('accepts up to 255 characters, including empty', () => {
      assert.equal(validateDescription(''), undefined);
      assert.equal(validateDescription('x'.repeat(255)), undefined);
    });
    it('refuses 256 and says how long it is', () => {
      assert.equal(
        validateDescription('x'.repeat(256)),
        'A description has at most 255 characters (this one has 256).',
      );
    });
  });

  describe('parseKmsKey', () => {
    it('treats empty and alias/aws/ebs as the AWS-managed default key', () => {
      assert.deepEqual(parseKmsKey(''), { kind: 'default' });
      assert.deepEqual(parseKmsKey('   '), { kind: 'default' });
      assert.deepEqual(parseKmsKey(DEFAULT_EBS_KEY_ALIAS), { kind: 'default' });
    });
    it('recognises key ids (UUID and multi-Region mrk-)', () => {
      assert.deepEqual(parseKmsKey(KEY), { kind: 'keyId', value: KEY });
      assert.deepEqual(parseKmsKey(` ${MRK} `), { kind: 'keyId', value: MRK });
    });
    it("recognises aliases but refuses other services' AWS-managed aliases", () => {
      assert.deepEqual(parseKmsKey('alias/my-key'), { kind: 'alias', value: 'alias/my-key' });
      assert.deepEqual(parseKmsKey('alias/team/app_key-1'), {
        kind: 'alias',
        value: 'alias/team/app_key-1',
      });
      assert.match((parseKmsKey('alias/aws/s3') as { error: string }).error, /AWS-managed alias/);
    });
    it('parses key and alias ARNs with their region and account', () => {
      const arn = `arn:aws:kms:eu-west-1:111111111111:key/${KEY}`;
      assert.deepEqual(parseKmsKey(arn), {
        kind: 'arn',
        value: arn,
        region: 'eu-west-1',
        accountId: '111111111111',
      });
      const alias = 'arn:aws-us-gov:kms:us-gov-west-1:222222222222:alias/app';
      assert.deepEqual(parseKmsKey(alias), {
        kind: 'arn',
        value: alias,
        region: 'us-gov-west-1',
        accountId: '222222222222',
      });
    });
    it('refuses other shapes with an example of each accepted one', () => {
      for (const bad of [
        '1234ABCD-12AB-34CD-56EF-1234567890AB',
        'my-key',
        'alias/',
        'alias/has space',
        `arn:aws:kms:eu-west-1:1111:key/${KEY}`,
        `arn:aws:s3:eu-west-1:111111111111:key/${KEY}`,
        `arn:aws:kms:eu-west-1:111111111111:key/not-a-key`,
      ]) {
        const parsed = parseKmsKey(bad);
        assert.ok('error' in parsed, bad);
        assert.match(parsed.error, /KMS key id .* alias .* key ARN/, bad);
      }
    });
  });

  describe('parseKmsKey in other partitions', () => {
    for (const [partition, region] of [
      ['aws-eusc', 'eusc-de-east-1'],
      ['aws-us-gov', 'us-gov-east-1'],
      ['aws-cn', 'cn-north-1'],
      ['aws-iso-b', 'us-isob-east-1'],
    ] as const) {
      it(`accepts arn:${partition}:kms:${region}:… key ARNs`, () => {
        const arn = `arn:${partition}:kms:${region}:111111111111:key/${KEY}`;
        assert.deepEqual(parseKmsKey(arn), {
          kind: 'arn',
          value: arn,
          region,
          accountId: '111111111111',
        });
      });
    }
    it('refuses a partition that does not exist', () => {
      assert.ok('error' in parseKmsKey(`arn:aws-mars:kms:us-east-1:111111111111:key/${KEY}`));
    });
    it("refuses a region outside the ARN's partition, and a region that only looks right", () => {
      assert.equal(
        (parseKmsKey(`arn:aws-cn:kms:us-east-1:111111111111:key/${KEY}`) as { error: string })
          .error,
        'That key ARN names partition aws-cn, but us-east-1 is in aws (arn:aws:kms:us-east-1:…).',
      );
      assert.equal(
        (parseKmsKey(`arn:aws:kms:xx-fake-1:111111111111:key/${KEY}`) as { error: string }).error,
        '"xx-fake-1" in that key ARN is not a region name such as us-east-1.',
      );
    });
  });

  describe('validateKmsKey', () => {
    it('accepts any valid shape without a region, and ARNs of the same region', () => {
      assert.equal(validateKmsKey(KEY), undefined);
      assert.equal(
        validateKmsKey(`arn:aws:kms:eu-west-1:111111111111:key/${KEY}`, 'eu-west-1'),
        undefined,
      );
      assert.equal(validateKmsKey('alias/x', 'us-east-1'), undefined);
    });
    it('refuses an ARN from another region, naming both', () => {
      assert.equal(
        validateKmsKey(`arn:aws:kms:eu-west-1:111111111111:key/${KEY}`, 'us-east-1'),
        'That key is in eu-west-1; the copy in us-east-1 needs a key that exists in us-east-1.',
      );
    });
    it('passes on the shape error', () => {
      assert.match(validateKmsKey('nope') ?? '', /Enter a KMS key id/);
    });
  });

  describe('validateTagKey / validateTagValue', () => {
    it('accepts keys of 1–128 characters', () => {
      assert.equal(validateTagKey('Name'), undefined);
      assert.equal(validateTagKey('k'.repeat(128)), undefined);
    });
    it('refuses empty, long and aws: keys (any case)', () => {
      assert.equal(validateTagKey('  '), 'A tag key cannot be empty.');
      assert.equal(
        validateTagKey('k'.repeat(129)),
        'A tag key has at most 128 characters (this one has 129).',
      );
      assert.match(validateTagKey('aws:cloudformation:stack-name') ?? '', /reserved/);
      assert.match(validateTagKey('AWS:x') ?? '', /reserved/);
      assert.equal(validateTagKey('awsome'), undefined);
    });
    it('accepts values up to 256 characters, including empty', () => {
      assert.equal(validateTagValue(''), undefined);
      assert.equal(validateTagValue('v'.repeat(256)), undefined);
      assert.equal(
        validateTagValue('v'.repeat(257)),
        'A tag value has at most 256 characters (this one has 257).',
      );
    });
  });

  describe('tag lengths in Unicode characters', () => {
    it('counts an emoji as one character in a value: 256 pass, 257 do not', () => {
      assert.equal(validateTagValue('😀'.repeat(100)), undefined);
      assert.equal(validateTagValue('😀'.repeat(256)), undefined);
      assert.equal(
        validateTagValue('😀'.repeat(257)),
        'A tag value has at most 256 characters (this one has 257).',
      );
    });
    it('counts an emoji as one character in a key: 128 pass, 129 do not', () => {
      assert.equal(validateTagKey('🚀'.repeat(128)), undefined);
      assert.match(validateTagKey('🚀'.repeat(129)) ?? '', /this one has 129/);
    });
  });

  describe('validateManifestPath / normalizeManifestPath', () => {
    it('accepts bucket/path/image.manifest.xml, with or without s3://', () => {
      for (const path of [
        'my-bucket/images/web/image.manifest.xml',
        's3://my-bucket/image.manifest.xml',
        '  my.bucket-1/a.manifest.xml ',
      ]) {
        assert.equal(validateManifestPath(path), undefined, path);
      }
      assert.equal(normalizeManifestPath(' s3://b1c/x.manifest.xml '), 'b1c/x.manifest.xml');
    });
    it('wants a bucket and a key', () => {
      assert.equal(
        validateManifestPath('image.manifest.xml'),
        'Enter the manifest as bucket/path/image.manifest.xml.',
      );
      assert.equal(
        validateManifestPath('/image.manifest.xml'),
        'Enter the manifest as bucket/path/image.manifest.xml.',
      );
    });
    it('checks the bucket name', () => {
      for (const bucket of ['My-Bucket', 'ab', 'bucket-', 'a..b', `b${'x'.repeat(63)}`]) {
        assert.match(
          validateManifestPath(`${bucket}/i.manifest.xml`) ?? '',
          /not a valid S3 bucket name/,
          bucket,
        );
      }
    });
    it('wants a file named *.manifest.xml, not a bare extension', () => {
      assert.equal(
        validateManifestPath('bucket/image.xml'),
        'The manifest file name ends with .manifest.xml.',
      );
      assert.equal(
        validateManifestPath('bucket/.manifest.xml'),
        'Name the manifest file inside the bucket.',
      );
      // The file name is what must not be empty, however deep the folder.
      assert.equal(
        validateManifestPath('bucket/path/.manifest.xml'),
        'Name the manifest file inside the bucket.',
      );
    });
  });

  it('quotes a bucket and a device name with control characters safely', () => {
    assert.match(
      validateManifestPath('bu\u0000cket/x.manifest.xml') ?? '',
      /^"bu\\x00cket" is not a valid S3 bucket name/,
    );
    assert.match(
      validateDeviceName('/dev/sdf\n/dev/sdg') ?? '',
      /^"\/dev\/sdf\\n\/dev\/sdg" is not/,
    );
  });

  describe('validateBucketName (S3 general purpose bucket naming rules)', () => {
    it('refuses a bucket formatted as an IP address, in a manifest path too', () => {
      assert.match(validateBucketName('192.168.5.4') ?? '', /formatted as IP addresses/);
      assert.equal(
        validateManifestPath('192.168.5.4/x.manifest.xml'),
        '"192.168.5.4" is not a valid S3 bucket name: bucket names are not formatted as IP addresses.',
      );
      assert.equal(validateBucketName('192.168.5.4.images'), undefined);
    });
    it('refuses the reserved prefixes', () => {
      for (const bucket of [
        'xn--bucket',
        'sthree-bucket',
        'sthree-configurator',
        'amzn-s3-demo-b',
      ]) {
        assert.match(validateBucketName(bucket) ?? '', /prefix .* is reserved/, bucket);
      }
    });
    it('refuses the reserved suffixes', () => {
      for (const bucket of [
        'b-s3alias',
        'b--ol-s3',
        'b.mrap',
        'b--use1-az4--x-s3',
        'b--table-s3',
      ]) {
        assert.match(validateBucketName(bucket) ?? '', /suffix .* is reserved/, bucket);
      }
    });
    it('checks length, characters, ends and adjacent dots, each with its own reason', () => {
      assert.match(validateBucketName('ab') ?? '', /3–63 characters \(this one has 2\)/);
      assert.match(validateBucketName('b'.repeat(64)) ?? '', /this one has 64/);
      assert.equal(validateBucketName('b'.repeat(63)), undefined);
      assert.match(validateBucketName('my_bucket') ?? '', /only lowercase letters/);
      assert.match(validateBucketName('-bucket') ?? '', /begin and end/);
      assert.match(validateBucketName('bucket.') ?? '', /begin and end/);
      assert.match(validateBucketName('a..b') ?? '', /adjacent dots/);
    });
    it('quotes a bucket with control characters safely', () => {
      assert.equal(
        validateManifestPath('bu\u0000cket/x.manifest.xml'),
        '"bu\\x00cket" is not a valid S3 bucket name: only lowercase letters, digits, dots and hyphens.',
      );
    });
  });

  describe('validateDeviceName', () => {
    it('accepts the device names EC2 takes in mappings', () => {
      for (const d of [
        '/dev/xvda',
        '/dev/sda1',
        '/dev/sdf',
        '/dev/xvdba',
        '/dev/hda1',
        ' /dev/sdb ',
        'xvda',
        'xvdh',
        '/dev/sdp15',
      ]) {
        assert.equal(validateDeviceName(d), undefined, d);
      }
    });
    it('refuses others, quoting them', () => {
      for (const d of ['/dev/sd', '/dev/sdA', '/dev/xvdabc', '/dev/xvdza', '/dev/sda16']) {
        assert.equal(
          validateDeviceName(d),
          `"${d}" is not a device name such as /dev/xvda, /dev/sda1, /dev/sdf or xvdh.`,
          d,
        );
      }
    });
  });

  describe("validateDeviceName: EC2's documented names", () => {
    it('accepts Windows names without /dev/ (xvd[a-z], xvd[b-c][a-z])', () => {
      for (const d of ['xvdh', 'xvdf', 'xvdbz', 'xvdca']) {
        assert.equal(validateDeviceName(d), undefined, d);
      }
      assert.match(validateDeviceName('xvdda') ?? '', /not a device name/);
    });
    it('accepts Linux HVM /dev/xvd[a-d][a-z] and /dev/xvd[e-z], paravirtual partitions 1–15', () => {
      for (const d of ['/dev/xvdaa', '/dev/xvddz', '/dev/xvdz', '/dev/sdf1', '/dev/hdp15']) {
        assert.equal(validateDeviceName(d), undefined, d);
      }
    });
    it('explains NVMe names and sd names without /dev/', () => {
      assert.equal(
        validateDeviceName('/dev/nvme1n1'),
        '"/dev/nvme1n1" is an NVMe name the instance assigns; a mapping names the device /dev/sdf…/dev/sdp or /dev/xvdf… instead.',
      );
      assert.equal(
        validateDeviceName('sdf'),
        '"sdf": write /dev/sdf (only xvd… names may leave out /dev/).',
      );
    });
    it('quotes a refused name safely', () => {
      assert.match(
        validateDeviceName('/dev/sdf\n/dev/sdg') ?? '',
        /^"\/dev\/sdf\\n\/dev\/sdg" is not/,
      );
    });
  });

  describe('parseFutureUtcTime', () => {
    const now = new Date('2026-11-26T12:00:00Z');
    it('parses YYYY-MM-DD HH:MM, ISO 8601 with T, seconds and Z, and a bare date as UTC', () => {
      assert.deepEqual(parseFutureUtcTime('2027-01-31 18:00', now), {
        time: new Date('2027-01-31T18:00:00Z'),
      });
      assert.deepEqual(parseFutureUtcTime('2027-01-31T18:00:29.999Z', now), {
        time: new Date('2027-01-31T18:00:00Z'),
      });
      assert.deepEqual(parseFutureUtcTime(' 2026-12-01 ', now), {
        time: new Date('2026-12-01T00:00:00Z'),
      });
    });
    it('rounds seconds to the nearest minute, as EC2 does', () => {
      assert.deepEqual(parseUtcMinute('2027-01-31 18:00:30'), {
        time: new Date('2027-01-31T18:01:00Z'),
      });
      assert.deepEqual(parseUtcMinute('2027-01-31T18:00:29.500Z'), {
        time: new Date('2027-01-31T18:00:00Z'),
      });
      assert.deepEqual(parseUtcMinute('2027-12-31 23:59:45'), {
        time: new Date('2028-01-01T00:00:00Z'),
      });
    });
    it('checks the rounded time against now and the 10-year limit', () => {
      assert.deepEqual(parseFutureUtcTime('2026-11-26 12:00:29', now), {
        error: 'The time must be in the future.',
      });
      assert.deepEqual(parseFutureUtcTime('2036-11-26 12:00:31', now), {
        error: 'EC2 accepts deprecation times up to 10 years ahead.',
      });
    });
    it('refuses other formats with an example', () => {
      for (const bad of [
        '31/01/2027',
        '2027-1-31',
        '2027-01-31 18',
        'tomorrow',
        '2027-01-31T18:00+02:00',
      ]) {
        assert.deepEqual(
          parseFutureUtcTime(bad, now),
          { error: 'Enter a UTC date and time as YYYY-MM-DD HH:MM, e.g. 2027-01-31 18:00.' },
          bad,
        );
      }
    });
    it('refuses dates and times that do not exist', () => {
      for (const bad of [
        '2027-02-29',
        '2027-13-01',
        '2027-01-32',
        '2027-01-31 24:00',
        '2027-01-31 23:60',
        '2027-01-31 23:59:60',
      ]) {
        assert.deepEqual(
          parseFutureUtcTime(bad, now),
          { error: `"${bad}" is not a real date and time.` },
          bad,
        );
      }
      assert.ok('time' in parseFutureUtcTime('2028-02-29', now), 'a leap day exists');
    });
    it('wants the future, at most 10 years ahead', () => {
      assert.deepEqual(parseFutureUtcTime('2026-11-26 12:00', now), {
        error: 'The time must be in the future.',
      });
      assert.deepEqual(parseFutureUtcTime('2020-01-01', now), {
        error: 'The time must be in the future.',
      });
      assert.ok(
        'time' in parseFutureUtcTime('2036-11-26 12:00', now),
        'exactly 10 years is allowed',
      );
      assert.deepEqual(parseFutureUtcTime('2036-11-26 12:01', now), {
        error: 'EC2 accepts deprecation times up to 10 years ahead.',
      });
    });
  });
});
