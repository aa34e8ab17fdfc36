import { invalidParameterValue } from '../protocol/ec2Error';
import type { QueryInput } from '../protocol/queryInput';
import type { XmlChild } from '../protocol/xmlWriter';
import { el, listEl } from '../protocol/xmlWriter';
import type { ImageCriterionRecord } from '../state/imageGovernance';
import type { ActionHandler } from './actionContext';
import { returnTrue } from './booleanReturn';

const providerAliases = new Set(['amazon', 'aws-marketplace', 'aws-backup-vault', 'none']);
const imageNamePattern = /^[A-Za-z0-9()[\]./\-'@_*? ]{1,128}$/;
const productCodePattern = /^[A-Za-z0-9]{1,25}$/;

function nonNegativeInteger(input: QueryInput, name: string): number | undefined {
  const value = input.integer(name);
  if (value !== undefined && value < 0) {
    throw invalidParameterValue(`Value (${value}) for parameter ${name} is invalid.`);
  }
  return value;
}

/** Reads and validates `ImageCriterion.N` with the limits the API reference documents. */
function readCriteria(input: QueryInput): ImageCriterionRecord[] {
  const criteria = input.structList('ImageCriterion');
  if (criteria.length > 10) {
    throw invalidParameterValue('The ImageCriteria can include up to 10 ImageCriterion.');
  }
  let providerCount = 0;
  return criteria.map((c) => {
    const imageProviders = c.stringList('ImageProvider');
    providerCount += imageProviders.length;
    if (providerCount > 200) {
      throw invalidParameterValue('The ImageCriteria can include up to 200 ImageProviders.');
    }
    for (const p of imageProviders) {
      if (!providerAliases.has(p) && !/^\d{12}$/.test(p)) {
        throw invalidParameterValue(`Value (${p}) for parameter ImageProvider is invalid.`);
      }
    }
    if (imageProviders.includes('none') && imageProviders.length > 1) {
      throw invalidParameterValue(
        'When ImageProvider none is specified, no other values can be specified.',
      );
    }
    const imageNames = c.stringList('ImageName');
    if (imageNames.length > 50) {
      throw invalidParameterValue('An ImageCriterion can include up to 50 ImageNames.');
    }
    for (const n of imageNames) {
      if (!imageNamePattern.test(n) || (n.includes('?') && n.length < 3)) {
        throw invalidParameterValue(`Value (${n}) for parameter ImageName is invalid.`);
      }
    }
    const marketplaceProductCodes = c.stringList('MarketplaceProductCode');
    if (marketplaceProductCodes.length > 50) {
      throw invalidParameterValue(
        'An ImageCriterion can include up to 50 MarketplaceProductCodes.',
      );
    }
    for (const code of marketplaceProductCodes) {
      if (!productCodePattern.test(code)) {
        throw invalidParameterValue(
          `Value (${code}) for parameter MarketplaceProductCode is invalid.`,
        );
      }
    }
    const maximumDaysSinceCreated = nonNegativeInteger(
      c.scope('CreationDateCondition'),
      'MaximumDaysSinceCreated',
    );
    const maximumDaysSinceDeprecated = nonNegativeInteger(
      c.scope('DeprecationTimeCondition'),
      'MaximumDaysSinceDeprecated',
    );
    return {
      ...(imageProviders.length > 0 ? { imageProviders } : {}),
      ...(marketplaceProductCodes.length > 0 ? { marketplaceProductCodes } : {}),
      ...(imageNames.length > 0 ? { imageNames } : {}),
      ...(maximumDaysSinceCreated !== undefined ? { maximumDaysSinceCreated } : {}),
      ...(maximumDaysSinceDeprecated !== undefined ? { maximumDaysSinceDeprecated } : {}),
    };
  });
}

function criterionXml(c: ImageCriterionRecord): XmlChild[] {
  return [
    c.imageProviders ? listEl('imageProviderSet', c.imageProviders, (p) => [p]) : undefined,
    c.marketplaceProductCodes
      ? listEl('marketplaceProductCodeSet', c.marketplaceProductCodes, (p) => [p])
      : undefined,
    c.imageNames ? listEl('imageNameSet', c.imageNames, (n) => [n]) : undefined,
    c.maximumDaysSinceDeprecated !== undefined
      ? el(
          'deprecationTimeCondition',
          el('maximumDaysSinceDeprecated', c.maximumDaysSinceDeprecated),
        )
      : undefined,
    c.maximumDaysSinceCreated !== undefined
      ? el('creationDateCondition', el('maximumDaysSinceCreated', c.maximumDaysSinceCreated))
      : undefined,
  ];
}

/** GetAllowedImagesSettings: state, criteria (kept while disabled) and who manages them. */
export const getAllowedImagesSettings: ActionHandler = (ctx) => {
  const settings = ctx.world.store.allowedImagesFor(ctx.caller.account.accountId, ctx.region);
  return [
    el('state', settings.state),
    settings.criteria.length > 0
      ? listEl('imageCriterionSet', settings.criteria, criterionXml)
      : undefined,
    el('managedBy', 'account'),
  ];
};

/** EnableAllowedImagesSettings: `enabled` or `audit-mode`. */
export const enableAllowedImagesSettings: ActionHandler = (ctx) => {
  const state = ctx.input.requiredString('AllowedImagesSettingsState');
  if (state !== 'enabled' && state !== 'audit-mode') {
    throw invalidParameterValue(
      `Value (${state}) for parameter AllowedImagesSettingsState is invalid. Valid values: enabled, audit-mode.`,
    );
  }
  ctx.world.store.allowedImagesFor(ctx.caller.account.accountId, ctx.region).state = state;
  return [el('allowedImagesSettingsState', state)];
};

/** DisableAllowedImagesSettings: back to `disabled`; the criteria stay. */
export const disableAllowedImagesSettings: ActionHandler = (ctx) => {
  ctx.world.store.allowedImagesFor(ctx.caller.account.accountId, ctx.region).state = 'disabled';
  return [el('allowedImagesSettingsState', 'disabled')];
};

/** ReplaceImageCriteriaInAllowedImagesSettings: validated, then replaces all criteria. */
export const replaceImageCriteriaInAllowedImagesSettings: ActionHandler = (ctx) => {
  const criteria = readCriteria(ctx.input);
  ctx.world.store.allowedImagesFor(ctx.caller.account.accountId, ctx.region).criteria = criteria;
  return returnTrue();
};

/** GetSnapshotBlockPublicAccessState for the caller's account in the region. */
export const getSnapshotBlockPublicAccessState: ActionHandler = (ctx) => [
  el(
    'state',
    ctx.world.store.snapshotBlockPublicAccessFor(ctx.caller.account.accountId, ctx.region),
  ),
  el('managedBy', 'account'),
];
