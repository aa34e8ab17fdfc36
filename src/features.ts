import type * as vscode from 'vscode';
import type { BaseCommandDeps, CommandDeps } from './commands/commandDeps';
import type { FeatureCommandId } from './commands/commandIds';
import { featureHandlers } from './commands/featureHandlers';
import type { Handler } from './commands/runCommand';
import type { Ec2ClientFactory } from './core/aws/clientFactory';
import type { Ec2Api } from './core/aws/ec2Api';
import { Ec2Caller } from './core/aws/ec2Caller';
import { ImageCreationApi } from './core/aws/imageCreationApi';
import { ImageLifecycleApi } from './core/aws/imageLifecycleApi';
import { ImageOperationsApi } from './core/aws/imageOperationsApi';
import { ImageSharingApi } from './core/aws/imageSharingApi';
import { CopyImageService } from './core/services/copyImageService';
import { DeregisterImageService } from './core/services/deregisterImageService';
import { ImageCreationService } from './core/services/imageCreationService';
import { ImageLifecycleService } from './core/services/imageLifecycleService';
import { ImageRegistrationService } from './core/services/imageRegistrationService';
import { ImageSharingService } from './core/services/imageSharingService';
import { confirmMakePublic } from './webviews/confirmMakePublic';
import type { PanelDeps } from './webviews/panelDeps';
import { WebviewPanels } from './webviews/webviewPanels';

/** What the features bundle gets from the composition root. */
export interface FeatureContext extends BaseCommandDeps {
  clients: Ec2ClientFactory;
  api: Ec2Api;
  activeProfile: BaseCommandDeps['activeProfile'];
  extensionUri: vscode.Uri;
  maxConcurrentRegions: () => number;
}

/** The operations and panels, built once when the bundle is first loaded. */
export interface Features extends vscode.Disposable {
  handlers: Record<FeatureCommandId, Handler>;
  panels: WebviewPanels;
  /** The panels' dependencies (integration tests replace `confirmPublic`). */
  panelDeps: PanelDeps;
  sharing: ImageSharingService;
  imageCreation: ImageCreationService;
  imageRegistration: ImageRegistrationService;
}

/**
 * The second composition root, for everything that is not needed to browse: operations (create,
 * register, copy, deregister, lifecycle), their wizards, and the webview panels. Kept out of the
 * activation bundle (DESIGN.md: activation stays cheap); classes shared with the activation bundle
 * are recognised with brands, not identity (see `Symbol.hasInstance` on errors and tree nodes).
 */
export function createFeatures(ctx: FeatureContext): Features {
  const caller = new Ec2Caller(ctx.clients, () => ctx.activeProfile.current);
  const imageOperations = new ImageOperationsApi(caller);
  const imageCreationApi = new ImageCreationApi(caller);
  const sharing = new ImageSharingService(
    new ImageSharingApi(ctx.clients, () => ctx.activeProfile.current),
    (region, imageId, signal) => ctx.images.getImage(region, imageId, signal),
  );
  const panelDeps: PanelDeps = {
    extensionUri: ctx.extensionUri,
    sharing,
    documents: ctx.documents,
    log: ctx.log,
    confirmPublic: confirmMakePublic,
    onPermissionsChanged: (region) => ctx.documents.refresh(region),
  };
  const panels = new WebviewPanels(panelDeps);
  const imageCreation = new ImageCreationService(imageCreationApi, ctx.api);
  const imageRegistration = new ImageRegistrationService(imageCreationApi, ctx.api);
  const deps: CommandDeps = {
    ...ctx,
    lifecycle: new ImageLifecycleService(new ImageLifecycleApi(caller), ctx.images, ctx.api),
    copyImages: new CopyImageService(imageOperations, ctx.maxConcurrentRegions),
    deregisterImages: new DeregisterImageService(ctx.api, imageOperations),
    imageCreation,
    imageRegistration,
    panels,
  };
  return {
    handlers: featureHandlers(deps),
    panels,
    panelDeps,
    sharing,
    imageCreation,
    imageRegistration,
    dispose: () => panels.dispose(),
  };
}
