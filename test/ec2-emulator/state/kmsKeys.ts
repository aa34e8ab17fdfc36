import { invalidParameterValue } from '../protocol/ec2Error';
import { Prng } from './prng';

/**
 * KMS is not emulated; keys only need to be stable ARNs that are regional, like real keys.
 * Every account has an `aws/ebs` default key per region; other keys are accepted by ARN, key id
 * or alias and normalised to a key ARN, which is what snapshots report.
 */
export function defaultEbsKeyArn(accountId: string, region: string): string {
  return keyArn(accountId, region, keyIdFrom(`aws/ebs:${accountId}:${region}`));
}

/** The ARN of a key id in an account and region. */
export function keyArn(accountId: string, region: string, keyId: string): string {
  return `arn:aws:kms:${region}:${accountId}:key/${keyId}`;
}

/**
 * Resolves a `KmsKeyId` request value (key id, key ARN, alias name or alias ARN) to a key ARN in
 * `region`. A key ARN from another region is refused: KMS keys are regional.
 */
export function resolveKmsKey(value: string, accountId: string, region: string): string {
  const arn = /^arn:aws:kms:([a-z0-9-]+):(\d{12}):(key|alias)\/(.+)$/.exec(value);
  if (arn) {
    const [, keyRegion = '', keyAccount = '', kind, rest = ''] = arn;
    if (keyRegion !== region) {
      throw invalidParameterValue(`The KMS key ${value} is not in region ${region}.`);
    }
    return kind === 'key' ? value : aliasKeyArn(rest, keyAccount, region);
  }
  if (value.startsWith('alias/')) {
    return aliasKeyArn(value.slice('alias/'.length), accountId, region);
  }
  if (
    /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value) ||
    /^mrk-[0-9a-f]{32}$/.test(value)
  ) {
    return keyArn(accountId, region, value);
  }
  throw invalidParameterValue(`Invalid KMS key identifier: ${value}`);
}

function aliasKeyArn(alias: string, accountId: string, region: string): string {
  if (alias === 'aws/ebs') {
    return defaultEbsKeyArn(accountId, region);
  }
  return keyArn(accountId, region, keyIdFrom(`alias:${alias}:${accountId}:${region}`));
}

function keyIdFrom(seed: string): string {
  const h = new Prng(seed).hex(32);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
