import { strict as assert } from 'node:assert';
import type { EC2Client } from '@aws-sdk/client-ec2';
import {
  CancelImageLaunchPermissionCommand,
  CreateImageUsageReportCommand,
  DeleteSnapshotCommand,
  DeregisterImageCommand,
  DescribeImageReferencesCommand,
  DescribeImagesCommand,
  DescribeImageUsageReportEntriesCommand,
  DescribeImageUsageReportsCommand,
  DescribeInstanceImageMetadataCommand,
  DescribeSnapshotsCommand,
  DisableAllowedImagesSettingsCommand,
  EnableAllowedImagesSettingsCommand,
  GetAllowedImagesSettingsCommand,
  GetImageAncestryCommand,
  GetImageFindingsCommand,
  GetSnapshotBlockPublicAccessStateCommand,
  ListImagesInRecycleBinCommand,
  ListSnapshotsInRecycleBinCommand,
  ReplaceImageCriteriaInAllowedImagesSettingsCommand,
  RestoreImageFromRecycleBinCommand,
  RestoreSnapshotFromRecycleBinCommand,
} from '@aws-sdk/client-ec2';
import {
  demoAccountId,
  partnerAccessKeyId,
  partnerAccountId,
  readOnlyAccessKeyId,
} from '../ec2-emulator/seeds/demoAccounts';
import { demoFamilyCounts, demoInsightImages } from '../ec2-emulator/seeds/demoSeed';
import type { RunningEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { startEc2Emulator } from '../ec2-emulator/startEc2Emulator';
import { imageNamed, instanceNamed } from './support/demoLookups';
import { emulatorClient, errorOf } from './support/emulatorClient';

const MISSING = 'ami-0000000000000dead';
const day = 24 * 60 * 60 * 1000;

describe('emulator: what EC2 tells about an AMI (issue 13)', () => {
  let emulator: RunningEc2Emulator;
  let me: EC2Client;
  let meEu: EC2Client;
  let meAp: EC2Client;
  beforeEach(async () => {
    emulator = await startEc2Emulator({ seed: 'demo', pendingMs: 50, clock: 'manual' });
    me = emulatorClient(emulator);
    meEu = emulatorClient(emulator, { region: 'eu-west-1' });
    meAp = emulatorClient(emulator, { region: 'ap-southeast-2' });
  });
  afterEach(async () => {
    await emulator.close();
  });

  describe('DescribeImages fields', () => {
    it('reports free tier, the public SSM parameter, source image, last launch and scan results', async () => {
      const al = await imageNamed(me, 'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64');
      assert.equal(al.FreeTierEligible, true);
      assert.equal(
        al.PublicSsmParameterName,
        '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64',
      );
      const root = await imageNamed(me, demoInsightImages.lineageRoot);
      const copy = await imageNamed(meEu, demoInsightImages.lineageCopy);
      const leaf = await imageNamed(meEu, demoInsightImages.lineageLeaf);
      assert.deepEqual([copy.SourceImageId, copy.SourceImageRegion], [root.ImageId, 'us-east-1']);
      assert.deepEqual([leaf.SourceImageId, leaf.SourceImageRegion], [copy.ImageId, 'eu-west-1']);
      assert.equal(root.LastLaunchedTime, undefined, 'never launched');
      assert.ok(leaf.LastLaunchedTime, 'launched recently');
      assert.equal(leaf.ScanResults?.HighestFindingSeverityLabel, 'critical');
      assert.equal(leaf.ScanResults?.FindingScanDate?.toISOString(), '2024-12-05T06:00:00.000Z');
      assert.equal(
        leaf.ScanResults?.CriticalFixAvailableSince?.toISOString(),
        '2024-12-03T00:00:00.000Z',
      );
      assert.equal(
        leaf.ScanResults?.MediumFixAvailableSince,
        undefined,
        'no fix for the medium one',
      );
      const clean = await imageNamed(meEu, demoInsightImages.scannedClean);
      assert.ok(clean.ScanResults?.FindingScanDate, 'scanned');
      assert.equal(clean.ScanResults?.HighestFindingSeverityLabel, undefined, 'nothing found');
      const mine = await imageNamed(me, 'legacy-app-2019.12');
      assert.equal(mine.ScanResults, undefined, 'never scanned');
      assert.equal(mine.FreeTierEligible, undefined);
      assert.equal(mine.PublicSsmParameterName, undefined);
    });

    it('reports ImageAllowed only while Allowed AMIs is enabled or in audit mode', async () => {
      // ap-southeast-2 is seeded in audit mode: only Amazon Linux 2023 (and the partner's agent).
      const all =
        (await meAp.send(new DescribeImagesCommand({ IncludeDeprecated: true }))).Images ?? [];
      const allowed = (name: string) => all.find((i) => i.Name === name)?.ImageAllowed;
      assert.equal(allowed('al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64'), true);
      assert.equal(allowed('Windows_Server-2022-English-Full-Base-2024.10.09'), false);
      assert.equal(allowed('amzn2-ami-hvm-2.0.20200304.0-x86_64-gp2'), false);
      // us-east-1 has Allowed AMIs disabled: no ImageAllowed at all.
      const us = (await me.send(new DescribeImagesCommand({}))).Images ?? [];
      assert.ok(us.length > 0 && us.every((i) => i.ImageAllowed === undefined));
    });

    it('enabled (not audit) hides images no criterion allows', async () => {
      await meAp.send(
        new EnableAllowedImagesSettingsCommand({ AllowedImagesSettingsState: 'enabled' }),
      );
      const names = ((await meAp.send(new DescribeImagesCommand({}))).Images ?? []).map(
        (i) => i.Name,
      );
      assert.ok(names.includes('al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64'));
      assert.ok(!names.includes('Windows_Server-2022-English-Full-Base-2024.10.09'));
    });
  });

  describe('Allowed AMIs settings', () => {
    it('gets the seeded audit mode; replaces, enables and disables; criteria survive disabling', async () => {
      const seeded = await meAp.send(new GetAllowedImagesSettingsCommand({}));
      assert.equal(seeded.State, 'audit-mode');
      assert.equal(seeded.ManagedBy, 'account');
      assert.deepEqual(seeded.ImageCriteria, [
        { ImageProviders: ['amazon'], ImageNames: ['al2023-ami-*'] },
        { ImageProviders: [partnerAccountId], ImageNames: ['partner-agent-*'] },
      ]);
      assert.equal((await me.send(new GetAllowedImagesSettingsCommand({}))).State, 'disabled');
      const on = await me.send(
        new EnableAllowedImagesSettingsCommand({ AllowedImagesSettingsState: 'audit-mode' }),
      );
      assert.equal(on.AllowedImagesSettingsState, 'audit-mode');
      const replaced = await me.send(
        new ReplaceImageCriteriaInAllowedImagesSettingsCommand({
          ImageCriteria: [
            {
              ImageProviders: ['aws-marketplace'],
              MarketplaceProductCodes: ['8fqmfgtvn3ev7a6ek4m2xr6xk'],
              CreationDateCondition: { MaximumDaysSinceCreated: 100_000 },
              DeprecationTimeCondition: { MaximumDaysSinceDeprecated: 30 },
            },
            { ImageProviders: [partnerAccountId], ImageNames: ['partner-agent-*'] },
          ],
        }),
      );
      assert.equal(replaced.ReturnValue, true);
      const allowed = async (name: string) => (await imageNamed(me, name)).ImageAllowed;
      assert.equal(
        await allowed('hardened-nginx-1.26-ubuntu-24.04-20241001-aee1c2a3-marketplace'),
        true,
      );
      assert.equal(await allowed('al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64'), false);
      assert.equal(await allowed('partner-agent-shared-with-111-2.3'), true);
      assert.equal(await allowed('partner-org-baseline-2024.10'), false);
      assert.equal(await allowed('legacy-app-2019.12'), true, 'my own images are never restricted');
      const off = await me.send(new DisableAllowedImagesSettingsCommand({}));
      assert.equal(off.AllowedImagesSettingsState, 'disabled');
      const after = await me.send(new GetAllowedImagesSettingsCommand({}));
      assert.equal(after.State, 'disabled');
      assert.equal(
        after.ImageCriteria?.[0]?.CreationDateCondition?.MaximumDaysSinceCreated,
        100_000,
      );
      assert.equal(await allowed('legacy-app-2019.12'), undefined);
    });

    it('evaluates image names with wildcards and the creation-date condition', async () => {
      await meAp.send(
        new ReplaceImageCriteriaInAllowedImagesSettingsCommand({
          ImageCriteria: [
            { ImageProviders: ['amazon'], ImageNames: ['al2023-ami-2023.?.*-x86_64'] },
            { ImageProviders: ['amazon'], CreationDateCondition: { MaximumDaysSinceCreated: 1 } },
          ],
        }),
      );
      assert.equal(
        (await imageNamed(meAp, 'al2023-ami-2023.6.20241010.0-kernel-6.1-x86_64')).ImageAllowed,
        true,
      );
      assert.equal(
        (await imageNamed(meAp, 'al2023-ami-2023.6.20241010.0-kernel-6.1-arm64')).ImageAllowed,
        false,
        'matches no name, and was created more than a day ago',
      );
    });

    it('refuses invalid criteria and states, and the read-only key', async () => {
      const bad = async (criteria: object[]) =>
        (
          await errorOf(() =>
            me.send(
              new ReplaceImageCriteriaInAllowedImagesSettingsCommand({ ImageCriteria: criteria }),
            ),
          )
        ).name;
      assert.equal(await bad([{ ImageProviders: ['nobody'] }]), 'InvalidParameterValue');
      assert.equal(await bad([{ ImageProviders: ['none', 'amazon'] }]), 'InvalidParameterValue');
      assert.equal(await bad([{ ImageNames: ['a?'] }]), 'InvalidParameterValue');
      assert.equal(await bad([{ ImageNames: ['bad|name'] }]), 'InvalidParameterValue');
      assert.equal(
        await bad([{ MarketplaceProductCodes: ['not-alnum!'] }]),
        'InvalidParameterValue',
      );
      assert.equal(
        await bad(Array.from({ length: 11 }, () => ({ ImageProviders: ['amazon'] }))),
        'InvalidParameterValue',
      );
      const state = await errorOf(() =>
        me.send(
          new EnableAllowedImagesSettingsCommand({
            AllowedImagesSettingsState: 'on' as 'enabled',
          }),
        ),
      );
      assert.equal(state.name, 'InvalidParameterValue');
      const missing = await errorOf(() =>
        me.send(
          new EnableAllowedImagesSettingsCommand({
            AllowedImagesSettingsState: undefined,
          }),
        ),
      );
      assert.equal(missing.name, 'MissingParameter');
      const readOnly = emulatorClient(emulator, { accessKeyId: readOnlyAccessKeyId });
      const refused = await errorOf(() =>
        readOnly.send(new DisableAllowedImagesSettingsCommand({})),
      );
      assert.equal(refused.name, 'UnauthorizedOperation');
      assert.equal(
        (await readOnly.send(new GetAllowedImagesSettingsCommand({}))).State,
        'disabled',
      );
    });
  });

  it('GetSnapshotBlockPublicAccessState answers the account setting (unblocked by default)', async () => {
    const out = await me.send(new GetSnapshotBlockPublicAccessStateCommand({}));
    assert.equal(out.State, 'unblocked');
    assert.equal(out.ManagedBy, 'account');
    emulator.world.store.setSnapshotBlockPublicAccess(
      demoAccountId,
      'us-east-1',
      'block-all-sharing',
    );
    assert.equal(
      (await me.send(new GetSnapshotBlockPublicAccessStateCommand({}))).State,
      'block-all-sharing',
    );
  });

  describe('GetImageAncestry', () => {
    it('traces three generations across regions to the root', async () => {
      const root = await imageNamed(me, demoInsightImages.lineageRoot);
      const copy = await imageNamed(meEu, demoInsightImages.lineageCopy);
      const leaf = await imageNamed(meEu, demoInsightImages.lineageLeaf);
      const out = await meEu.send(new GetImageAncestryCommand({ ImageId: leaf.ImageId }));
      assert.deepEqual(
        out.ImageAncestryEntries?.map((e) => [e.ImageId, e.SourceImageId, e.SourceImageRegion]),
        [
          [leaf.ImageId, copy.ImageId, 'eu-west-1'],
          [copy.ImageId, root.ImageId, 'us-east-1'],
          [root.ImageId, undefined, undefined],
        ],
      );
      assert.equal(out.ImageAncestryEntries?.[2]?.CreationDate?.toISOString(), root.CreationDate);
      const alone = await me.send(
        new GetImageAncestryCommand({
          ImageId: (await imageNamed(me, 'legacy-app-2019.12')).ImageId,
        }),
      );
      assert.equal(alone.ImageAncestryEntries?.length, 1);
    });

    it('answers InvalidAMIID.NotFound, Malformed and MissingParameter', async () => {
      assert.equal(
        (await errorOf(() => me.send(new GetImageAncestryCommand({ ImageId: MISSING })))).name,
        'InvalidAMIID.NotFound',
      );
      assert.equal(
        (await errorOf(() => me.send(new GetImageAncestryCommand({ ImageId: 'ami-xyz' })))).name,
        'InvalidAMIID.Malformed',
      );
      assert.equal(
        (await errorOf(() => me.send(new GetImageAncestryCommand({ ImageId: undefined })))).name,
        'MissingParameter',
      );
    });
  });

  describe('GetImageFindings', () => {
    it('lists findings with severity, fix and paths, page by page; none for a clean or unscanned image', async () => {
      const leaf = await imageNamed(meEu, demoInsightImages.lineageLeaf);
      const all = await meEu.send(new GetImageFindingsCommand({ ImageId: leaf.ImageId }));
      assert.deepEqual(
        all.ImageFindings?.map((f) => [f.SeverityLabel, f.Title, f.FixAvailable]),
        [
          ['critical', 'CVE-2024-6387 - openssh', true],
          ['high', 'CVE-2024-2961 - glibc', true],
          ['medium', 'CVE-2024-0727 - openssl', false],
        ],
      );
      assert.deepEqual(all.ImageFindings?.[0]?.Paths, ['/usr/sbin/sshd']);
      assert.equal(all.ImageFindings?.[0]?.Score, 9.8);
      const first = await meEu.send(
        new GetImageFindingsCommand({ ImageId: leaf.ImageId, MaxResults: 2 }),
      );
      assert.equal(first.ImageFindings?.length, 2);
      const rest = await meEu.send(
        new GetImageFindingsCommand({ ImageId: leaf.ImageId, NextToken: first.NextToken }),
      );
      assert.equal(rest.ImageFindings?.[0]?.Title, 'CVE-2024-0727 - openssl');
      for (const name of [demoInsightImages.scannedClean, 'reporting-encrypted-2024.10']) {
        const image = await imageNamed(meEu, name);
        const none = await meEu.send(new GetImageFindingsCommand({ ImageId: image.ImageId }));
        assert.deepEqual(none.ImageFindings ?? [], [], name);
      }
      assert.equal(
        (await errorOf(() => me.send(new GetImageFindingsCommand({ ImageId: MISSING })))).name,
        'InvalidAMIID.NotFound',
      );
    });
  });

  describe('image usage reports', () => {
    it('creates a report that is pending, then available with the accounts that use the image', async () => {
      const shared = await imageNamed(me, 'shared-base-for-partner-1.4');
      const { ReportId } = await me.send(
        new CreateImageUsageReportCommand({
          ImageId: shared.ImageId,
          ResourceTypes: [{ ResourceType: 'ec2:Instance' }, { ResourceType: 'ec2:LaunchTemplate' }],
          TagSpecifications: [
            { ResourceType: 'image-usage-report', Tags: [{ Key: 'Purpose', Value: 'test' }] },
          ],
        }),
      );
      assert.ok(ReportId);
      const pending = await me.send(
        new DescribeImageUsageReportsCommand({ ReportIds: [ReportId] }),
      );
      assert.equal(pending.ImageUsageReports?.[0]?.State, 'pending');
      assert.equal(pending.ImageUsageReports?.[0]?.ImageId, shared.ImageId);
      assert.deepEqual(pending.ImageUsageReports?.[0]?.Tags, [{ Key: 'Purpose', Value: 'test' }]);
      const created = pending.ImageUsageReports?.[0]?.CreationTime?.getTime() ?? 0;
      assert.equal(pending.ImageUsageReports?.[0]?.ExpirationTime?.getTime(), created + 30 * day);
      assert.deepEqual(
        (await me.send(new DescribeImageUsageReportEntriesCommand({ ReportIds: [ReportId] })))
          .ImageUsageReportEntries ?? [],
        [],
        'no entries while pending',
      );
      emulator.advanceTime(100);
      const ready = await me.send(
        new DescribeImageUsageReportsCommand({
          ImageIds: [shared.ImageId ?? ''],
          Filters: [{ Name: 'state', Values: ['available'] }],
        }),
      );
      assert.deepEqual(
        ready.ImageUsageReports?.map((r) => r.ReportId),
        [ReportId],
      );
      const entries = await me.send(
        new DescribeImageUsageReportEntriesCommand({ ReportIds: [ReportId] }),
      );
      assert.deepEqual(
        entries.ImageUsageReportEntries?.map((e) => [e.AccountId, e.ResourceType, e.UsageCount]),
        [
          [partnerAccountId, 'ec2:Instance', 3],
          [partnerAccountId, 'ec2:LaunchTemplate', 1],
        ],
      );
      const onlyInstances = await me.send(
        new DescribeImageUsageReportEntriesCommand({
          ImageIds: [shared.ImageId ?? ''],
          Filters: [{ Name: 'resource-type', Values: ['ec2:Instance'] }],
        }),
      );
      assert.equal(onlyInstances.ImageUsageReportEntries?.length, 1);
      emulator.advanceTime(30 * day);
      assert.deepEqual(
        (await me.send(new DescribeImageUsageReportsCommand({ ReportIds: [ReportId] })))
          .ImageUsageReports ?? [],
        [],
        'EC2 deletes a report 30 days after creating it',
      );
    });

    it('counts other accounts’ instances too, narrows by account, and is idempotent by ClientToken', async () => {
      const shared = await imageNamed(me, 'shared-base-for-partner-1.4');
      const partner = emulatorClient(emulator, { accessKeyId: partnerAccessKeyId });
      const { RunInstancesCommand } = await import('@aws-sdk/client-ec2');
      await partner.send(
        new RunInstancesCommand({ ImageId: shared.ImageId, MinCount: 2, MaxCount: 2 }),
      );
      const request = {
        ImageId: shared.ImageId,
        ResourceTypes: [{ ResourceType: 'ec2:Instance' }],
        AccountIds: [partnerAccountId],
        ClientToken: 'usage-1',
      };
      const a = await me.send(new CreateImageUsageReportCommand(request));
      const b = await me.send(new CreateImageUsageReportCommand(request));
      assert.equal(a.ReportId, b.ReportId);
      emulator.advanceTime(100);
      const entries = await me.send(
        new DescribeImageUsageReportEntriesCommand({ ReportIds: [a.ReportId ?? ''] }),
      );
      assert.deepEqual(
        entries.ImageUsageReportEntries?.map((e) => [e.AccountId, e.UsageCount]),
        [[partnerAccountId, 5]],
      );
    });

    it('refuses images of others, unknown resource types and missing parameters', async () => {
      const partnerImage = await imageNamed(me, 'partner-agent-shared-with-111-2.3');
      const notMine = await errorOf(() =>
        me.send(
          new CreateImageUsageReportCommand({
            ImageId: partnerImage.ImageId,
            ResourceTypes: [{ ResourceType: 'ec2:Instance' }],
          }),
        ),
      );
      assert.equal(notMine.name, 'AuthFailure');
      const mine = await imageNamed(me, 'shared-base-for-partner-1.4');
      const badType = await errorOf(() =>
        me.send(
          new CreateImageUsageReportCommand({
            ImageId: mine.ImageId,
            ResourceTypes: [{ ResourceType: 'ec2:Volume' }],
          }),
        ),
      );
      assert.equal(badType.name, 'InvalidParameterValue');
      const noTypes = await errorOf(() =>
        me.send(new CreateImageUsageReportCommand({ ImageId: mine.ImageId, ResourceTypes: [] })),
      );
      assert.equal(noTypes.name, 'MissingParameter');
      const missing = await errorOf(() =>
        me.send(
          new CreateImageUsageReportCommand({
            ImageId: MISSING,
            ResourceTypes: [{ ResourceType: 'ec2:Instance' }],
          }),
        ),
      );
      assert.equal(missing.name, 'InvalidAMIID.NotFound');
    });
  });

  describe('Recycle Bin', () => {
    it('lists the seeded AMIs and snapshots with enter and exit times', async () => {
      const images = (await me.send(new ListImagesInRecycleBinCommand({}))).Images ?? [];
      assert.deepEqual(images.map((i) => i.Name).sort(), [
        demoInsightImages.recycledWithoutSnapshots,
        demoInsightImages.recycledWithSnapshots,
      ]);
      for (const i of images) {
        assert.equal(
          (i.RecycleBinExitTime?.getTime() ?? 0) - (i.RecycleBinEnterTime?.getTime() ?? 0),
          14 * day,
        );
      }
      const snapshots = (await me.send(new ListSnapshotsInRecycleBinCommand({}))).Snapshots ?? [];
      assert.equal(snapshots.length, 1);
      assert.match(snapshots[0]?.Description ?? '', /Created by CreateImage/);
      assert.deepEqual((await meEu.send(new ListImagesInRecycleBinCommand({}))).Images ?? [], []);
    });

    it('restores an AMI and its snapshot with the same ids', async () => {
      const [entry] =
        (await me.send(new ListImagesInRecycleBinCommand({}))).Images?.filter(
          (i) => i.Name === demoInsightImages.recycledWithSnapshots,
        ) ?? [];
      const imageId = entry?.ImageId ?? '';
      const [snap] = (await me.send(new ListSnapshotsInRecycleBinCommand({}))).Snapshots ?? [];
      const restoredSnapshot = await me.send(
        new RestoreSnapshotFromRecycleBinCommand({ SnapshotId: snap?.SnapshotId }),
      );
      assert.equal(restoredSnapshot.SnapshotId, snap?.SnapshotId);
      assert.equal(restoredSnapshot.State, 'completed');
      assert.equal(restoredSnapshot.OwnerId, demoAccountId);
      const restored = await me.send(new RestoreImageFromRecycleBinCommand({ ImageId: imageId }));
      assert.equal(restored.Return, true);
      const image = (await me.send(new DescribeImagesCommand({ ImageIds: [imageId] }))).Images?.[0];
      assert.equal(image?.Name, demoInsightImages.recycledWithSnapshots);
      assert.equal(image?.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId, snap?.SnapshotId);
      const again = await errorOf(() =>
        me.send(new RestoreImageFromRecycleBinCommand({ ImageId: imageId })),
      );
      assert.equal(again.name, 'InvalidAMIID.NotFound');
      const snapAgain = await errorOf(() =>
        me.send(new RestoreSnapshotFromRecycleBinCommand({ SnapshotId: snap?.SnapshotId })),
      );
      assert.equal(snapAgain.name, 'InvalidSnapshot.NotFound');
    });

    it('deregister and delete go to the bin only under a retention rule', async () => {
      const ou = await imageNamed(me, 'golden-image-platform-ou-2024.09');
      await me.send(
        new DeregisterImageCommand({ ImageId: ou.ImageId, DeleteAssociatedSnapshots: true }),
      );
      const binned = await me.send(
        new ListImagesInRecycleBinCommand({ ImageIds: [ou.ImageId ?? ''] }),
      );
      assert.equal(binned.Images?.[0]?.Name, 'golden-image-platform-ou-2024.09');
      const snapshotId = ou.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId ?? '';
      assert.equal(
        (await me.send(new ListSnapshotsInRecycleBinCommand({ SnapshotIds: [snapshotId] })))
          .Snapshots?.length,
        1,
      );
      // eu-west-1 has no rule: gone for good.
      const leaf = await imageNamed(meEu, demoInsightImages.lineageLeaf);
      await meEu.send(new DeregisterImageCommand({ ImageId: leaf.ImageId }));
      assert.deepEqual((await meEu.send(new ListImagesInRecycleBinCommand({}))).Images ?? [], []);
      const euSnapshot = leaf.BlockDeviceMappings?.[0]?.Ebs?.SnapshotId ?? '';
      await meEu.send(new DeleteSnapshotCommand({ SnapshotId: euSnapshot }));
      assert.deepEqual(
        (await meEu.send(new ListSnapshotsInRecycleBinCommand({}))).Snapshots ?? [],
        [],
      );
      const gone = await errorOf(() =>
        meEu.send(new DescribeSnapshotsCommand({ SnapshotIds: [euSnapshot] })),
      );
      assert.equal(gone.name, 'InvalidSnapshot.NotFound');
      // Once the retention period ends the bin lets go.
      emulator.advanceTime(15 * day);
      assert.deepEqual((await me.send(new ListImagesInRecycleBinCommand({}))).Images ?? [], []);
      assert.deepEqual(
        (await me.send(new ListSnapshotsInRecycleBinCommand({}))).Snapshots ?? [],
        [],
      );
    });

    it('pages with MaxResults 1–1000 and refuses bad ids and ranges', async () => {
      const first = await me.send(new ListImagesInRecycleBinCommand({ MaxResults: 1 }));
      assert.equal(first.Images?.length, 1);
      assert.ok(first.NextToken);
      const second = await me.send(
        new ListImagesInRecycleBinCommand({ MaxResults: 1, NextToken: first.NextToken }),
      );
      assert.equal(second.Images?.length, 1);
      assert.equal(second.NextToken, undefined);
      assert.equal(
        (await errorOf(() => me.send(new ListImagesInRecycleBinCommand({ MaxResults: 0 })))).name,
        'InvalidParameterValue',
      );
      assert.equal(
        (await errorOf(() => me.send(new ListImagesInRecycleBinCommand({ ImageIds: ['nope'] }))))
          .name,
        'InvalidAMIID.Malformed',
      );
      assert.equal(
        (await errorOf(() => me.send(new RestoreImageFromRecycleBinCommand({ ImageId: MISSING }))))
          .name,
        'InvalidAMIID.NotFound',
      );
      assert.equal(
        (
          await errorOf(() =>
            me.send(new RestoreSnapshotFromRecycleBinCommand({ SnapshotId: 'snap-zzz' })),
          )
        ).name,
        'InvalidSnapshotID.Malformed',
      );
      assert.equal(
        (
          await errorOf(() =>
            me.send(new RestoreImageFromRecycleBinCommand({ ImageId: undefined })),
          )
        ).name,
        'MissingParameter',
      );
    });
  });

  describe('CancelImageLaunchPermission', () => {
    it('removes my account from an image shared with it by id; the image disappears for me', async () => {
      const shared = await imageNamed(me, 'partner-agent-shared-with-111-2.3');
      const out = await me.send(
        new CancelImageLaunchPermissionCommand({ ImageId: shared.ImageId }),
      );
      assert.equal(out.Return, true);
      const after = await errorOf(() =>
        me.send(new GetImageAncestryCommand({ ImageId: shared.ImageId })),
      );
      assert.equal(after.name, 'InvalidAMIID.NotFound');
    });

    it('refuses my own image, an organization share, and unknown ids', async () => {
      const own = await imageNamed(me, 'web-server-2024.10.1');
      assert.equal(
        (
          await errorOf(() =>
            me.send(new CancelImageLaunchPermissionCommand({ ImageId: own.ImageId })),
          )
        ).name,
        'InvalidParameterValue',
      );
      const org = await imageNamed(me, 'partner-org-baseline-2024.10');
      assert.equal(
        (
          await errorOf(() =>
            me.send(new CancelImageLaunchPermissionCommand({ ImageId: org.ImageId })),
          )
        ).name,
        'InvalidParameterValue',
      );
      assert.equal(
        (await errorOf(() => me.send(new CancelImageLaunchPermissionCommand({ ImageId: MISSING }))))
          .name,
        'InvalidAMIID.NotFound',
      );
    });
  });

  describe('DescribeInstanceImageMetadata', () => {
    it('tells which AMI each instance came from, also once the AMI is deregistered', async () => {
      const web1 = await instanceNamed(me, 'web-1');
      const all = await me.send(new DescribeInstanceImageMetadataCommand({}));
      // us-east-1: the six of the estate and the image families' one.
      assert.equal(
        all.InstanceImageMetadata?.length,
        6 + (demoFamilyCounts['us-east-1']?.instances ?? 0),
      );
      const one = await me.send(
        new DescribeInstanceImageMetadataCommand({ InstanceIds: [web1.InstanceId ?? ''] }),
      );
      const meta = one.InstanceImageMetadata?.[0];
      assert.equal(meta?.InstanceId, web1.InstanceId);
      assert.equal(meta?.State?.Name, 'running');
      assert.equal(meta?.OwnerId, demoAccountId);
      assert.equal(meta?.ImageMetadata?.ImageId, web1.ImageId);
      assert.equal(meta?.ImageMetadata?.Name, 'web-server-2024.10.1');
      assert.equal(meta?.ImageMetadata?.State, 'available');
      assert.equal(meta?.ImageMetadata?.ImageAllowed, undefined, 'Allowed AMIs is off here');
      assert.equal(meta?.ImageMetadata?.IsPublic, false);
      const buildAgent = await instanceNamed(me, 'build-agent-1');
      await me.send(new DeregisterImageCommand({ ImageId: buildAgent.ImageId }));
      const after = await me.send(
        new DescribeInstanceImageMetadataCommand({
          Filters: [{ Name: 'tag:Name', Values: ['build-agent-1'] }],
        }),
      );
      assert.equal(after.InstanceImageMetadata?.[0]?.ImageMetadata?.State, 'deregistered');
      assert.equal(
        after.InstanceImageMetadata?.[0]?.ImageMetadata?.Name,
        'windows-build-agent-2022-v7',
      );
      const running = await me.send(
        new DescribeInstanceImageMetadataCommand({
          Filters: [{ Name: 'instance-state-name', Values: ['stopped'] }],
        }),
      );
      assert.deepEqual(
        running.InstanceImageMetadata?.map((m) => m.Tags?.[0]?.Value),
        ['web-staging'],
      );
      const unknown = await errorOf(() =>
        me.send(new DescribeInstanceImageMetadataCommand({ InstanceIds: ['i-0000000000000dead'] })),
      );
      assert.equal(unknown.name, 'InvalidInstanceID.NotFound');
      const badFilter = await errorOf(() =>
        me.send(
          new DescribeInstanceImageMetadataCommand({ Filters: [{ Name: 'nope', Values: ['x'] }] }),
        ),
      );
      assert.equal(badFilter.name, 'InvalidParameterValue');
    });
  });

  describe('DescribeImageReferences', () => {
    it('finds launch templates, SSM parameters and Image Builder recipes as well as instances', async () => {
      const leaf = await imageNamed(meEu, demoInsightImages.lineageLeaf);
      const all = await meEu.send(
        new DescribeImageReferencesCommand({
          ImageIds: [leaf.ImageId ?? ''],
          IncludeAllResourceTypes: true,
        }),
      );
      assert.deepEqual(
        all.ImageReferences?.map((r) => r.ResourceType),
        ['ec2:LaunchTemplate', 'imagebuilder:ImageRecipe', 'ssm:Parameter'],
      );
      const ssm = await meEu.send(
        new DescribeImageReferencesCommand({
          ImageIds: [leaf.ImageId ?? ''],
          ResourceTypes: [{ ResourceType: 'ssm:Parameter' }],
        }),
      );
      assert.deepEqual(
        ssm.ImageReferences?.map((r) => r.Arn),
        ['arn:aws:ssm:eu-west-1:111111111111:parameter/golden/app-runtime/latest'],
      );
      const bad = await errorOf(() =>
        meEu.send(
          new DescribeImageReferencesCommand({
            ImageIds: [leaf.ImageId ?? ''],
            ResourceTypes: [{ ResourceType: 'ec2:Volume' as 'ec2:Instance' }],
          }),
        ),
      );
      assert.equal(bad.name, 'InvalidParameterValue');
    });
  });

  it('the new actions honour DryRun', async () => {
    const dry = await errorOf(() => me.send(new ListImagesInRecycleBinCommand({ DryRun: true })));
    assert.equal(dry.name, 'DryRunOperation');
    const shared = await imageNamed(me, 'partner-agent-shared-with-111-2.3');
    const cancel = await errorOf(() =>
      me.send(new CancelImageLaunchPermissionCommand({ ImageId: shared.ImageId, DryRun: true })),
    );
    assert.equal(cancel.name, 'DryRunOperation');
  });
});
