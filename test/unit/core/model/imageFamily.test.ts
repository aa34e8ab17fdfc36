import * as assert from 'node:assert/strict';
import { familyPattern } from '../../../../src/core/model/imageFamily';

describe('familyPattern', () => {
  it('replaces the version, date, timestamp or build part of real naming styles with *', () => {
    const cases: [string, string | undefined][] = [
      ['web-server-2024.10.1', 'web-server-*'],
      ['web-2026.10.2', 'web-*'],
      ['amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2', 'amzn2-ami-hvm-*-x86_64-gp2'],
      ['al2023-ami-2023.6.20241121.0-kernel-6.1-x86_64', 'al2023-ami-*-kernel-6.1-x86_64'],
      [
        'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240301',
        'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*',
      ],
      ['packer-example 1700000000', 'packer-example *'],
      ['nightly-build-20241203T101500Z', 'nightly-build-*'],
      ['api-gateway-base-arm64-v3', 'api-gateway-base-arm64-*'],
      ['myapp-1-2-3', 'myapp-*'],
      ['legacy-app-2019.12', 'legacy-app-*'],
      ['nightly-build-2024.12.03-failed', 'nightly-build-*-failed'],
      ['why? 1.0', 'why\\? *'],
      ['golden-image', undefined],
      ['2024.10.1', undefined],
    ];
    for (const [name, family] of cases) assert.equal(familyPattern(name), family, name);
  });
});
