import { Ec2Error, invalidParameterValue } from '../protocol/ec2Error';
import type { QueryInput } from '../protocol/queryInput';

/** EC2's per-resource tag limit. */
const maxTagsPerResource = 50;

/** Validates one tag as EC2 does (key 1–128 chars, value ≤ 256, no `aws:` prefix). */
export function validateTag(key: string, value: string): void {
  if (key.length === 0 || key.length > 128) {
    throw invalidParameterValue(`Tag key must be between 1 and 128 characters: '${key}'`);
  }
  if (value.length > 256) {
    throw invalidParameterValue(
      `Tag value exceeds the maximum length of 256 characters for key '${key}'`,
    );
  }
  if (key.toLowerCase().startsWith('aws:')) {
    throw invalidParameterValue("Tag keys starting with 'aws:' are reserved for internal use");
  }
}

/** Reads `Tag.N.Key`/`Tag.N.Value` from a scope (the request, or one TagSpecification). */
export function readTags(input: QueryInput): [string, string][] {
  return input.structList('Tag').map((t) => {
    const key = t.string('Key') ?? '';
    const value = t.string('Value') ?? '';
    validateTag(key, value);
    return [key, value];
  });
}

/**
 * Reads `TagSpecification.N` into tags per resource type, refusing resource types the action does
 * not tag (EC2 answers InvalidParameterValue for those).
 */
export function readTagSpecifications(
  input: QueryInput,
  allowed: readonly string[],
): Map<string, Record<string, string>> {
  const out = new Map<string, Record<string, string>>();
  for (const spec of input.structList('TagSpecification')) {
    const type = spec.requiredString('ResourceType');
    if (!allowed.includes(type)) {
      throw invalidParameterValue(
        `'${type}' is not a valid taggable resource type for this operation.`,
      );
    }
    const tags = out.get(type) ?? {};
    for (const [key, value] of readTags(spec)) {
      tags[key] = value;
    }
    out.set(type, tags);
  }
  return out;
}

/** Applies tags to a resource's tag map, enforcing EC2's 50-tags limit. */
export function applyTags(target: Map<string, string>, tags: Iterable<[string, string]>): void {
  const merged = new Map(target);
  for (const [key, value] of tags) {
    merged.set(key, value);
  }
  if (merged.size > maxTagsPerResource) {
    throw new Ec2Error(
      'TagLimitExceeded',
      `The maximum number of tags for a resource is ${maxTagsPerResource}.`,
    );
  }
  target.clear();
  for (const [key, value] of merged) {
    target.set(key, value);
  }
}
