import * as vscode from 'vscode';
import { ActiveProfile, ProfileStatusBar } from './activeProfile';
import { registerCommands } from './commands/registry';
import { Ec2ClientFactory } from './core/aws/clientFactory';
import { Ec2Api } from './core/aws/ec2Api';
import { Ec2Caller } from './core/aws/ec2Caller';
import { ImageLifecycleApi } from './core/aws/imageLifecycleApi';
import { ImageLifecycleService } from './core/services/imageLifecycleService';
import { describeScope } from './core/model/scope';
import { RESOURCE_DOCUMENT_SCHEME } from './core/model/resourceDocumentPath';
import { AccountIdentity } from './core/services/accountIdentity';
import { ImageOperationsApi } from './core/aws/imageOperationsApi';
import { CopyImageService } from './core/services/copyImageService';
import { DeregisterImageService } from './core/services/deregisterImageService';
import { ImageService } from './core/services/imageService';
import { ImageCreationApi } from './core/aws/imageCreationApi';
import { ImageCreationService } from './core/services/imageCreationService';
import { ImageRegistrationService } from './core/services/imageRegistrationService';
import { InstanceService } from './core/services/instanceService';
import { ProfileService } from './core/services/profileService';
import { RegionService } from './core/services/regionService';
import { CredentialsStatus } from './credentialsStatus';
import { ResourceDocumentProvider } from './documents/resourceDocumentProvider';
import { apiCallLogger, logError } from './log';
import { OperationTracker } from './core/services/operationTracker';
import { PendingImagePoller } from './core/services/pendingPoller';
import { announceSettled, workspaceOperationStore } from './ui/trackedOperations';
import type { TreeNode } from './tree/treeNode';
import { connectionSettings, readSettings, SETTINGS_SECTION } from './settings';
import { ImagesTreeProvider } from './tree/imagesTreeProvider';
import { InstancesTreeProvider } from './tree/instancesTreeProvider';
import { RegionSource } from './tree/regionSource';
import { ImageSharingApi } from './core/aws/imageSharingApi';
import { ImageSharingService } from './core/services/imageSharingService';
import { confirmMakePublic } from './webviews/confirmMakePublic';
import type { PanelDeps } from './webviews/panelDeps';
import { WebviewPanels } from './webviews/webviewPanels';

/** What `activate` returns: the extension's parts, for integration tests in the extension host. */
export interface AmiExplorerApi {
  imagesTree: ImagesTreeProvider;
  instancesTree: InstancesTreeProvider;
  documents: ResourceDocumentProvider;
  imagesView: vscode.TreeView<TreeNode>;
  instancesView: vscode.TreeView<TreeNode>;
  operations: OperationTracker;
  credentials: CredentialsStatus;
  /** Create / register / re-register services, for integration tests of the service layer. */
  imageCreation: ImageCreationService;
  imageRegistration: ImageRegistrationService;
  /** The webview panels, and the seams integration tests use (confirmation dialog). */
  panels: WebviewPanels;
  panelDeps: PanelDeps;
}

/**
 * The composition root: builds every service once and wires views, commands and providers. It does
 * no AWS work and loads no SDK code; that happens when a view first asks for its children.
 */
export function activate(context: vscode.ExtensionContext): AmiExplorerApi {
  const log = vscode.window.createOutputChannel('AMI Explorer', { log: true });
  const activeProfile = new ActiveProfile(context.workspaceState);
  let settings = readSettings();

  const clients = new Ec2ClientFactory(
    () => connectionSettings(settings, activeProfile.current),
    apiCallLogger(log),
  );
  const api = new Ec2Api(clients, () => activeProfile.current);
  const images = new ImageService(api);
  // One typed-error call wrapper for every EC2 API class.
  const caller = new Ec2Caller(clients, () => activeProfile.current);
  const lifecycle = new ImageLifecycleService(new ImageLifecycleApi(caller), images, api);
  const instances = new InstanceService(api);
  const profiles = new ProfileService();
  const identity = new AccountIdentity();
  const imageOperations = new ImageOperationsApi(caller);
  const copyImages = new CopyImageService(imageOperations, () => settings.maxConcurrentRegions);
  const deregisterImages = new DeregisterImageService(api, imageOperations);
  const imageCreationApi = new ImageCreationApi(caller);
  const imageCreation = new ImageCreationService(imageCreationApi, api);
  const imageRegistration = new ImageRegistrationService(imageCreationApi, api);
  const regions = new RegionSource(
    api,
    new RegionService(api),
    profiles,
    () => settings.regions,
    () => activeProfile.current,
    identity,
  );
  const credentials = new CredentialsStatus();
  // One poller for pending images, shared by the tree and the operation tracker.
  const poller = new PendingImagePoller(
    (region, ids) => images.getImages(region, ids),
    (result) => {
      imagesTree.applyPollResult(result);
      void operations.applyPollResult(result);
    },
    (region, error) => logError(log, `Polling pending images in ${region}`, error),
  );
  const common = {
    regions,
    credentials,
    log,
    maxConcurrentRegions: () => settings.maxConcurrentRegions,
  };
  const imagesTree = new ImagesTreeProvider({
    ...common,
    images,
    scope: () => settings.scope,
    sortBy: () => settings.sortBy,
    identity,
    poller,
  });
  const instancesTree = new InstancesTreeProvider(common, instances);
  const sharing = new ImageSharingService(
    new ImageSharingApi(clients, () => activeProfile.current),
    (region, imageId, signal) => images.getImage(region, imageId, signal),
  );
  const documents = new ResourceDocumentProvider(images, instances, log, (region, id, signal) =>
    sharing.getSnapshot(region, id, signal),
  );
  const panelDeps: PanelDeps = {
    extensionUri: context.extensionUri,
    sharing,
    documents,
    log,
    confirmPublic: confirmMakePublic,
    onPermissionsChanged: (region) => documents.refresh(region),
  };
  const panels = new WebviewPanels(panelDeps);

  const imagesView = vscode.window.createTreeView<TreeNode>('amiExplorer.images', {
    treeDataProvider: imagesTree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const instancesView = vscode.window.createTreeView<TreeNode>('amiExplorer.instances', {
    treeDataProvider: instancesTree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const operations = new OperationTracker(
    workspaceOperationStore(context.workspaceState),
    poller,
    (operation, outcome) => void announceSettled(operation, outcome, imagesView, imagesTree, log),
  );

  const statusBar = new ProfileStatusBar();
  const showState = (): void => {
    imagesView.description = describeScope(settings.scope);
    statusBar.update(activeProfile.current, settings.endpointUrl, credentials.problem);
    void vscode.commands.executeCommand(
      'setContext',
      'amiExplorer:hasNameFilter',
      settings.scope.nameFilter.trim().length > 0,
    );
  };
  showState();
  const resumed = operations.resume();
  if (resumed.length > 0) log.info(`Resumed tracking ${resumed.length} pending image(s).`);

  credentials.onDidChange(() => showState());

  /** Reloads everything; `otherAccount` when the profile or endpoint may mean another account. */
  const reloadAll = (otherAccount: boolean): void => {
    clients.reset();
    if (otherAccount) identity.reset();
    imagesTree.refresh();
    instancesTree.refresh();
    documents.refresh();
  };

  context.subscriptions.push(
    log,
    { dispose: () => poller.dispose() },
    activeProfile,
    statusBar,
    imagesTree,
    instancesTree,
    documents,
    imagesView,
    instancesView,
    vscode.workspace.registerTextDocumentContentProvider(RESOURCE_DOCUMENT_SCHEME, documents),
    panels,
    ...panels.register(),
    ...registerCommands({
      imagesTree,
      instancesTree,
      documents,
      regions,
      profiles,
      activeProfile,
      log,
      connections: clients,
      refreshAll: () => reloadAll(false),
      images,
      lifecycle,
      copyImages,
      deregisterImages,
      imageCreation,
      imageRegistration,
      operations,
      scriptedAnswers: context.extensionMode !== vscode.ExtensionMode.Production,
      panels,
    }),
    activeProfile.onDidChange((profile) => {
      log.info(`Active profile: ${profile ?? 'default credential chain'}`);
      showState();
      reloadAll(true);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
      const endpointBefore = settings.endpointUrl;
      settings = readSettings();
      showState();
      reloadAll(settings.endpointUrl !== endpointBefore);
    }),
    imagesTree.onDidUpdateImages((updated) => {
      for (const region of new Set(updated.map((i) => i.region))) documents.refresh(region);
    }),
  );
  log.info(
    `AMI Explorer activated (profile: ${activeProfile.current ?? 'default chain'}${
      settings.endpointUrl ? `, endpoint: ${settings.endpointUrl}` : ''
    })`,
  );
  return {
    imagesTree,
    instancesTree,
    documents,
    imagesView,
    instancesView,
    credentials,
    operations,
    imageCreation,
    imageRegistration,
    panels,
    panelDeps,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
