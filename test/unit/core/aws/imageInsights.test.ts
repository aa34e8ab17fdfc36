import assert from 'node:assert/strict';
import {
  CreateImageUsageReportCommand,
  DescribeImageReferencesCommand,
  DescribeImageUsageReportEntriesCommand,
  DescribeImageUsageReportsCommand,
  GetImageAncestryCommand,
  GetImageFindingsCommand,
} from '@aws-sdk/client-ec2';
import { AwsApiError } from '../../../../src/core/model/errors';
import { ec2Error, useMockedEc2 } from '../../helpers/ec2Mock';

describe('core/aws/imageInsights', () => {
  const mocked = useMockedEc2('dev');
  const api = mocked.insights;

  it('ancestry maps the chain in EC2’s order, dates as ISO text', async () => {
    mocked.ec2.on(GetImageAncestryCommand).resolves({
      ImageAncestryEntries: [
        {
          ImageId: 'ami-0000000000000000c',
          CreationDate: new Date('2024-06-01T09:00:00.000Z'),
          SourceImageId: 'ami-0000000000000000b',
          SourceImageRegion: 'eu-west-1',
        },
        {
          ImageId: 'ami-0000000000000000b',
          ImageOwnerAlias: 'amazon',
        },
      ],
    });
    const chain = await api.ancestry('us-east-1', 'ami-0000000000000000c');
    assert.deepEqual(chain, [
      {
        imageId: 'ami-0000000000000000c',
        creationDate: '2024-06-01T09:00:00.000Z',
        sourceImageId: 'ami-0000000000000000b',
        sourceImageRegion: 'eu-west-1',
      },
      { imageId: 'ami-0000000000000000b', ownerAlias: 'amazon' },
    ]);
    assert.deepEqual(mocked.ec2.commandCalls(GetImageAncestryCommand)[0]?.args[0].input, {
      ImageId: 'ami-0000000000000000c',
    });
  });

  it('ancestry failures are typed errors with EC2’s code', async () => {
    mocked.ec2
      .on(GetImageAncestryCommand)
      .rejects(ec2Error('InvalidAMIID.NotFound', "The image id '[ami-1]' does not exist"));
    await assert.rejects(
      api.ancestry('us-east-1', 'ami-00000001'),
      (e: unknown) => e instanceof AwsApiError && e.code === 'InvalidAMIID.NotFound',
    );
  });

  it('findings follow NextToken and map severity, fix and paths', async () => {
    mocked.ec2
      .on(GetImageFindingsCommand)
      .resolvesOnce({
        ImageFindings: [
          {
            Title: 'CVE-2024-6387 - openssh',
            SeverityLabel: 'critical',
            Score: 9.8,
            FixAvailable: true,
            Paths: ['/usr/sbin/sshd'],
            FirstObservedAt: new Date('2024-07-02T00:00:00.000Z'),
          },
        ],
        NextToken: 't1',
      })
      .resolvesOnce({ ImageFindings: [{ Title: 'CVE-2024-0727 - openssl', FixAvailable: false }] });
    const findings = await api.findings('us-east-1', 'ami-00000001');
    assert.deepEqual(findings, [
      {
        title: 'CVE-2024-6387 - openssh',
        severity: 'critical',
        score: 9.8,
        fixAvailable: true,
        firstObservedAt: '2024-07-02T00:00:00.000Z',
        paths: ['/usr/sbin/sshd'],
      },
      { title: 'CVE-2024-0727 - openssl', fixAvailable: false, paths: [] },
    ]);
    assert.deepEqual(
      mocked.ec2.commandCalls(GetImageFindingsCommand).map((c) => c.args[0].input),
      [
        { ImageId: 'ami-00000001', MaxResults: 1000 },
        { ImageId: 'ami-00000001', MaxResults: 1000, NextToken: 't1' },
      ],
    );
  });

  it('references ask for every resource type by default, or the ones given', async () => {
    mocked.ec2.on(DescribeImageReferencesCommand).resolves({
      ImageReferences: [
        {
          ImageId: 'ami-00000001',
          ResourceType: 'ssm:Parameter',
          Arn: 'arn:aws:ssm:us-east-1:111111111111:parameter/golden/latest',
        },
      ],
    });
    const refs = await api.references('us-east-1', ['ami-00000001']);
    assert.deepEqual(refs, [
      {
        imageId: 'ami-00000001',
        resourceType: 'ssm:Parameter',
        arn: 'arn:aws:ssm:us-east-1:111111111111:parameter/golden/latest',
      },
    ]);
    await api.references('us-east-1', ['ami-00000001'], ['ec2:LaunchTemplate']);
    assert.deepEqual(
      mocked.ec2.commandCalls(DescribeImageReferencesCommand).map((c) => c.args[0].input),
      [
        { ImageIds: ['ami-00000001'], IncludeAllResourceTypes: true, MaxResults: 1000 },
        {
          ImageIds: ['ami-00000001'],
          ResourceTypes: [{ ResourceType: 'ec2:LaunchTemplate' }],
          MaxResults: 1000,
        },
      ],
    );
  });

  it('creates a usage report for instances and launch templates by default, with a client token', async () => {
    mocked.ec2.on(CreateImageUsageReportCommand).resolves({ ReportId: 'amiusage-01' });
    const id = await api.createUsageReport('us-east-1', 'ami-00000001', {
      accountIds: ['222222222222'],
      clientToken: 'tok',
    });
    assert.equal(id, 'amiusage-01');
    assert.deepEqual(mocked.ec2.commandCalls(CreateImageUsageReportCommand)[0]?.args[0].input, {
      ImageId: 'ami-00000001',
      ResourceTypes: [{ ResourceType: 'ec2:Instance' }, { ResourceType: 'ec2:LaunchTemplate' }],
      AccountIds: ['222222222222'],
      ClientToken: 'tok',
    });
  });

  it('a usage report answer without an id is an error, not an empty id', async () => {
    mocked.ec2.on(CreateImageUsageReportCommand).resolves({});
    await assert.rejects(api.createUsageReport('us-east-1', 'ami-00000001'), AwsApiError);
  });

  it('describes reports and their entries', async () => {
    mocked.ec2.on(DescribeImageUsageReportsCommand).resolves({
      ImageUsageReports: [
        {
          ReportId: 'amiusage-01',
          ImageId: 'ami-00000001',
          State: 'pending',
          ResourceTypes: [{ ResourceType: 'ec2:Instance' }],
          CreationTime: new Date('2026-01-01T00:00:00.000Z'),
          ExpirationTime: new Date('2026-01-31T00:00:00.000Z'),
        },
      ],
    });
    mocked.ec2.on(DescribeImageUsageReportEntriesCommand).resolves({
      ImageUsageReportEntries: [
        {
          ReportId: 'amiusage-01',
          ImageId: 'ami-00000001',
          AccountId: '222222222222',
          ResourceType: 'ec2:Instance',
          UsageCount: 3,
        },
      ],
    });
    assert.deepEqual(await api.usageReports('us-east-1', { reportIds: ['amiusage-01'] }), [
      {
        reportId: 'amiusage-01',
        imageId: 'ami-00000001',
        state: 'pending',
        resourceTypes: ['ec2:Instance'],
        accountIds: [],
        creationTime: '2026-01-01T00:00:00.000Z',
        expirationTime: '2026-01-31T00:00:00.000Z',
      },
    ]);
    assert.deepEqual(await api.usageEntries('us-east-1', 'amiusage-01'), [
      {
        reportId: 'amiusage-01',
        imageId: 'ami-00000001',
        accountId: '222222222222',
        resourceType: 'ec2:Instance',
        usageCount: 3,
      },
    ]);
    assert.deepEqual(
      mocked.ec2.commandCalls(DescribeImageUsageReportEntriesCommand)[0]?.args[0].input,
      { ReportIds: ['amiusage-01'], MaxResults: 1000 },
    );
  });
});
