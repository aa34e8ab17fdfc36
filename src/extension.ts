import './l10nSetup'; // first: configures l10n before any other module makes a message
import * as vscode from 'vscode';
import type { LoadedModule } from './codeCache';
import type { Sdk } from './core/aws/loadSdk';
import { loadSdkWith } from './core/aws/loadSdk';
import { ActiveProfile, ProfileStatusBar } from './activeProfile';
import type { CommandDeps } from './commands/commandDeps';
import { registerCommands } from './commands/registry';
import { BLOCK_DEVICES_VIEW_TYPE } from './webviews/blockDevices/protocol';
import { LAUNCH_PERMISSIONS_VIEW_TYPE } from './webviews/launchPermissions/protocol';
import { Ec2ClientFactory } from './core/aws/clientFactory';
import { Ec2 } from './core/aws/ec2';
import { Images } from './core/aws/images';
import { AccountSettings } from './core/aws/accountSettings';
import { ImageInsights } from './core/aws/imageInsights';
import { RecycleBin } from './core/aws/recycleBin';
import { RecycleBinRules } from './core/aws/recycleBinRules';
import { RecycleBinService } from './core/services/recycleBinService';
import { Instances } from './core/aws/instances';
import { Regions } from './core/aws/regions';
import { Snapshots } from './core/aws/snapshots';
import { Tags } from './core/aws/tags';
import { testApi } from './testApi';
import { CopyImageService } from './core/services/copyImageService';
import { CleanupService } from './core/services/cleanupService';
import { DeregisterImageService } from './core/services/deregisterImageService';
import { ImageCreationService } from './core/services/imageCreationService';
import { ImageLifecycleService } from './core/services/imageLifecycleService';
import { ImageRegistrationService } from './core/services/imageRegistrationService';
import { ImageSharingService } from './core/services/imageSharingService';
import { WebviewPanels } from './webviews/webviewPanels';
import { eventImageId, ImageEvents } from './core/services/imageEvents';
import { Ask } from './ui/userInput';
import type { UserInput } from './ui/userInput';
import { VsCodeUserInput } from './ui/vscodeUserInput';
import { describeScope } from './core/model/scope';
import { RESOURCE_DOCUMENT_SCHEME } from './core/model/resourceDocumentPath';
import { AccountIdentity } from './core/services/accountIdentity';
import { ImageService } from './core/services/imageService';
import { InstanceService } from './core/services/instanceService';
import { ProfileService } from './core/services/profileService';
import { RegionService } from './core/services/regionService';
import { CredentialsStatus } from './credentialsStatus';
import { selectionHasImage } from './ui/targets';
import { IMAGE_ROW_SELECTED_KEY } from './contextKeys';
import { WalkthroughProgress } from './walkthrough';
import { ResourceDocumentProvider } from './documents/resourceDocumentProvider';
import { INSIGHT_DOCUMENT_SCHEME, InsightDocumentProvider } from './documents/insightDocuments';
import { UsageReportWatch } from './core/services/usageReportWatch';
import { announceUsageReport, workspaceUsageReportStore } from './ui/usageReports';
import { openUsage } from './commands/showUsage';
import { apiCallLogger, logError } from './log';
import { errorSentence } from './core/model/errorSentence';
import { OperationTracker } from './core/services/operationTracker';
import { UnknownCopySearch } from './core/services/unknownCopies';
import { PendingImagePoller } from './core/services/pendingPoller';
import {
  announceCopyGivenUp,
  announceSettled,
  workspaceOperationStore,
  workspaceUnknownCopyStore,
} from './ui/trackedOperations';
import { cancelRunningProgress } from './ui/progress';
import type { TreeNode } from './tree/treeNode';
import {
  connectionSettings,
  readReferenceSettings,
  readSettings,
  SETTINGS_SECTION,
  readFamilyRule,
  readShowRecycleBinAlways,
  SHOW_RECYCLE_BIN_ALWAYS,
} from './settings';
import type { ExtensionSettings } from './settings';
import { ImagesTreeProvider } from './tree/imagesTreeProvider';
import { FamiliesTreeProvider } from './tree/familiesTreeProvider';
import { InstancesTreeProvider } from './tree/instancesTreeProvider';
import { RegionSource } from './core/services/regionSource';
import { AmiReferenceLookup } from './core/services/amiReferenceLookup';
import { AmiReferencesInCode } from './references/amiReferencesInCode';
import { RegionMemory } from './core/services/regionMemory';
import { whenFirstVisible } from './startEarly';
import { ImageDecorationProvider } from './tree/imageDecorations';
import * as l10n from '@vscode/l10n';

/**
 * What `activate` returns outside production mode: the extension's parts, for integration tests in
 * the extension host. In production it returns nothing, so no other extension can reach them.
 */
export interface AmiExplorerApi {
  imagesTree: ImagesTreeProvider;
  instancesTree: InstancesTreeProvider;
  documents: ResourceDocumentProvider;
  imagesView: vscode.TreeView<TreeNode>;
  families: FamiliesTreeProvider;
  familiesView: vscode.TreeView<TreeNode>;
  instancesView: vscode.TreeView<TreeNode>;
  operations: OperationTracker;
  /** Copies whose outcome is unknown, still looked for (`lookNow` looks without waiting). */
  unknownCopies: UnknownCopySearch;
  credentials: CredentialsStatus;
  panels: WebviewPanels;
  events: ImageEvents;
  sharing: ImageSharingService;
  imageCreation: ImageCreationService;
  imageRegistration: ImageRegistrationService;
  /** AMI ids in code: `check(document)` checks one now (what its debounced check runs). */
  references: AmiReferencesInCode;
  /** Image usage reports in progress (`lookNow` looks at them without waiting). */
  usageReports: UsageReportWatch;
  /** The Show Findings and Show Usage documents. */
  insightDocuments: InsightDocumentProvider;
  /** The badges of Images rows (the provider VS Code asks for each row's resourceUri). */
  imageDecorations: ImageDecorationProvider;
  /** The Getting Started walkthrough's milestones reached in this window. */
  walkthrough: WalkthroughProgress;
  /** The extension's global storage folder (where dist/boot.js keeps the code cache). */
  globalStorage: vscode.Uri;
  /**
   * Does what the Cancel button of every running progress notification does (integration tests
   * cannot click it); returns how many were cancelled.
   */
  cancelProgress(): number;
  /**
   * Replaces the user-input layer until the returned disposable is disposed: integration tests
   * answer every question the real commands, wizards and panels ask.
   */
  useUserInput(input: UserInput): { dispose(): void };
}

/**
 * The composition root: builds every service once and wires views, commands, panels and providers.
 * It does no AWS work and loads no SDK code; that happens when a view first asks for its children.
 */
export function activate(
  context: vscode.ExtensionContext,
  loading: {
    readonly codeCache?: string;
    /** Loads a file of dist/ through V8's code cache (boot.ts); absent, files load as usual. */
    readonly loadCached?: <T>(file: string, cacheName: string) => LoadedModule<T>;
  } = {},
): AmiExplorerApi | undefined {
  const log = vscode.window.createOutputChannel('AMI Explorer', { log: true });
  const activeProfile = new ActiveProfile(context.workspaceState);
  // Read on first use rather than here: the first getConfiguration() in an extension host merges
  // the defaults of every installed extension (~15 ms on a 2-core machine), and nothing needs a
  // value before the deferred part below or a view asking for its children.
  let settings: ExtensionSettings | undefined;
  const current = (): ExtensionSettings => (settings ??= readSettings());
  let userInput: UserInput = new VsCodeUserInput();
  const ui = new Ask(() => userInput);
  const events = new ImageEvents((error) => logError(log, 'Handling an image change', error));

  if (loading.loadCached) loadSdkThroughCodeCache(context, log, loading.loadCached);
  const clients = new Ec2ClientFactory(
    () => connectionSettings(current(), activeProfile.current),
    apiCallLogger(log),
  );
  const profile = (): string | undefined => activeProfile.current;
  const ec2 = new Ec2(clients, profile);
  const ec2Images = new Images(ec2);
  const ec2Instances = new Instances(ec2);
  const ec2Snapshots = new Snapshots(ec2);
  const ec2Tags = new Tags(ec2);
  const ec2Insights = new ImageInsights(ec2);
  const ec2RecycleBin = new RecycleBin(ec2);
  const ec2AccountSettings = new AccountSettings(ec2);
  const recycleBin = new RecycleBinService(ec2RecycleBin, new RecycleBinRules(clients), ec2Images);
  const images = new ImageService(ec2Images);
  const instances = new InstanceService(ec2Instances);
  const profiles = new ProfileService();
  const identity = new AccountIdentity();
  // The Getting Started walkthrough's steps complete on what really happens (see walkthrough.ts).
  const walkthrough = new WalkthroughProgress();
  const regions = new RegionSource({
    api: {
      checkCredentials: async () => {
        const answer = await ec2.checkCredentials();
        walkthrough.reach('credentialsFound');
        return answer;
      },
    },
    regionService: new RegionService(new Regions(ec2)),
    profiles,
    configuredRegions: () => current().regions,
    activeProfile: profile,
    endpointUrl: () => current().endpointUrl,
    identity,
    memory: new RegionMemory(context.globalState),
  });
  const credentials = new CredentialsStatus();
  const sharing = new ImageSharingService(ec2Images, ec2Snapshots, (region, imageId, signal) =>
    images.getImage(region, imageId, signal),
  );
  const imageCreation = new ImageCreationService(ec2Images, ec2Instances);
  const imageRegistration = new ImageRegistrationService(ec2Images, ec2Snapshots, ec2Tags);
  // One poller for pending images; what it finds is published like any other change.
  const poller = new PendingImagePoller(
    (region, ids) => images.getImages(region, ids),
    (result) => {
      for (const image of result.updated) events.publish({ kind: 'changed', image });
      for (const imageId of result.missing)
        events.publish({ kind: 'gone', region: result.region, imageId });
    },
    (region, error, gaveUp) => {
      logError(log, `Polling pending images in ${region}`, error);
      if (!gaveUp) return;
      const n = gaveUp.length;
      void ui.notify(
        'warning',
        l10n.t(
          'Stopped checking {0} in {1}: {2} Refresh the region to check again.',
          n === 1 ? l10n.t('the pending AMI {0}', gaveUp[0] ?? '') : l10n.t('{0} pending AMIs', n),
          region,
          errorSentence(error),
        ),
      );
    },
  );
  const common = {
    regions,
    credentials,
    log,
    maxConcurrentRegions: () => current().maxConcurrentRegions,
  };
  const imagesTree = new ImagesTreeProvider({
    ...common,
    onRegionListed: () => walkthrough.regionListed(),
    images,
    scope: () => current().scope,
    sortBy: () => current().sortBy,
    identity,
    poller,
    events,
    recycleBin: ec2RecycleBin,
    showRecycleBinAlways: readShowRecycleBinAlways,
  });
  const instancesTree = new InstancesTreeProvider(
    { ...common, onRegionListed: () => walkthrough.reach('credentialsFound') },
    instances,
  );
  const documents = new ResourceDocumentProvider(
    images,
    instances,
    log,
    events,
    (region, id, signal) => sharing.getSnapshot(region, id, signal),
  );
  const panels = new WebviewPanels({
    extensionUri: context.extensionUri,
    sharing,
    documents,
    log,
    ui,
    events,
  });

  const imagesView = vscode.window.createTreeView<TreeNode>('amiExplorer.images', {
    treeDataProvider: imagesTree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  // Families of what the Images view lists: no EC2 call of its own.
  const families = new FamiliesTreeProvider(imagesTree, readFamilyRule);
  const familiesView = vscode.window.createTreeView<TreeNode>('amiExplorer.families', {
    treeDataProvider: families,
    canSelectMany: true,
    showCollapseAll: true,
  });
  const instancesView = vscode.window.createTreeView<TreeNode>('amiExplorer.instances', {
    treeDataProvider: instancesTree,
    canSelectMany: true,
    showCollapseAll: true,
  });
  // AMI ids in code share one cached lookup that follows the extension's own changes.
  const referenceLookup = new AmiReferenceLookup((region, ids, signal) =>
    ec2Images.findById(region, ids, signal),
  );
  const references = new AmiReferencesInCode({
    lookup: referenceLookup,
    regions: async () => (await regions.get()).regions,
    settings: readReferenceSettings,
    log,
  });
  // Load the SDK chunk while VS Code sets the first view up, not when the first call needs it.
  const sdkPreload = whenFirstVisible([imagesView, familiesView, instancesView], () =>
    clients.preloadSdk(),
  );
  const operations = new OperationTracker(
    workspaceOperationStore(context.workspaceState),
    poller,
    (operation, outcome) =>
      void announceSettled({ ui, view: imagesView, tree: imagesTree, log }, operation, outcome),
  );
  // Copies whose outcome is unknown: looked for until EC2 answers, then tracked like the others.
  const unknownCopies = new UnknownCopySearch(
    ec2Images,
    workspaceUnknownCopyStore(context.workspaceState),
    (event) => events.publish(event),
    (copy, reason) => void announceCopyGivenUp({ ui, log }, copy, reason),
  );
  // Show Findings / Show Usage documents, and usage reports EC2 is still preparing.
  const insightDocuments = new InsightDocumentProvider(ec2Images, ec2Insights, log);
  const usageReports = new UsageReportWatch(
    ec2Insights,
    workspaceUsageReportStore(context.workspaceState),
    (pending, outcome) =>
      void announceUsageReport({ ui, log }, pending, outcome, (ref) =>
        openUsage({ insightDocuments }, ref),
      ).catch((error: unknown) => {
        logError(log, 'Opening a usage report', error);
        void ui.notify('error', errorSentence(error));
      }),
  );
  const eventSubscriptions = [
    // New and changed images that are still pending are polled until they settle.
    events.subscribe((event) => {
      if (
        (event.kind === 'appeared' || event.kind === 'changed') &&
        event.image.state === 'pending'
      )
        poller.track(event.image.region, [event.image]);
    }),
    events.subscribe((event) => void operations.onImageEvent(event)),
    events.subscribe((event) => {
      referenceLookup.onImageEvent(event);
      references.imageChanged(eventImageId(event));
    }),
  ];

  const statusBar = new ProfileStatusBar();
  const showState = (): void => {
    const { scope, endpointUrl } = current();
    imagesView.description = describeScope(scope);
    statusBar.update(activeProfile.current, endpointUrl, credentials.problem);
    void vscode.commands.executeCommand(
      'setContext',
      'amiExplorer:hasNameFilter',
      scope.nameFilter.trim().length > 0,
    );
    void vscode.commands.executeCommand(
      'setContext',
      'amiExplorer:recycleBinAlways',
      readShowRecycleBinAlways(),
    );
  };

  credentials.onDidChange(() => showState());

  /** Reloads everything; `otherAccount` when the profile or endpoint may mean another account. */
  const reloadAll = (otherAccount: boolean): void => {
    clients.reset();
    if (otherAccount) identity.reset();
    imagesTree.refresh();
    instancesTree.refresh();
    documents.refresh();
    referenceLookup.clear();
    references.refresh();
  };

  const deps: CommandDeps = {
    imagesTree,
    imagesView,
    families,
    instancesTree,
    documents,
    regions,
    profiles,
    activeProfile,
    log,
    connections: clients,
    refreshAll: () => reloadAll(false),
    images,
    operations,
    unknownCopies,
    ui,
    events,
    ec2: {
      images: ec2Images,
      instances: ec2Instances,
      snapshots: ec2Snapshots,
      tags: ec2Tags,
      insights: ec2Insights,
      recycleBin: ec2RecycleBin,
      accountSettings: ec2AccountSettings,
    },
    lifecycle: new ImageLifecycleService(ec2Images, ec2Tags, images),
    copyImages: new CopyImageService(ec2Images, () => current().maxConcurrentRegions),
    deregisterImages: new DeregisterImageService(ec2Images, ec2Instances, ec2Snapshots),
    cleanup: new CleanupService(ec2Images, () => identity.get()),
    recycleBin,
    imageCreation,
    imageRegistration,
    panels,
    references,
    insightDocuments,
    usageReports,
  };

  const imageDecorations = new ImageDecorationProvider();
  context.subscriptions.push(
    log,
    vscode.window.registerFileDecorationProvider(imageDecorations),
    sdkPreload,
    { dispose: () => poller.dispose() },
    { dispose: () => unknownCopies.dispose() },
    { dispose: () => usageReports.dispose() },
    insightDocuments,
    vscode.workspace.registerTextDocumentContentProvider(INSIGHT_DOCUMENT_SCHEME, insightDocuments),
    activeProfile,
    statusBar,
    imagesTree,
    instancesTree,
    documents,
    panels,
    references,
    imagesView,
    families,
    familiesView,
    instancesView,
    // Rows the user has selected keep their places while their region finishes loading.
    imagesView.onDidChangeSelection((event) => {
      imagesTree.selectionChanged(event.selection);
      // Enter, Delete, F2 and Ctrl/Cmd+C act on AMI rows only (package.json keybindings).
      void vscode.commands.executeCommand(
        'setContext',
        IMAGE_ROW_SELECTED_KEY,
        selectionHasImage(event.selection),
      );
    }),
    walkthrough,
    vscode.workspace.registerTextDocumentContentProvider(RESOURCE_DOCUMENT_SCHEME, documents),
    ...([BLOCK_DEVICES_VIEW_TYPE, LAUNCH_PERMISSIONS_VIEW_TYPE] as const).map((viewType) =>
      vscode.window.registerWebviewPanelSerializer(viewType, {
        deserializeWebviewPanel: (panel, state: unknown) => {
          panels.restore(viewType, panel, state);
          return Promise.resolve();
        },
      }),
    ),
    ...registerCommands(deps),
    activeProfile.onDidChange((profile) => {
      log.info(`Active profile: ${profile ?? 'default credential chain'}`);
      showState();
      reloadAll(true);
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SETTINGS_SECTION)) return;
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.references`)) references.refresh();
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.families`)) families.regroup();
      if (event.affectsConfiguration(`${SETTINGS_SECTION}.${SHOW_RECYCLE_BIN_ALWAYS}`)) {
        showState();
        imagesTree.rerenderRegions();
      }
      const before = settings;
      settings = readSettings();
      // A change of the references settings alone leaves the views as they are.
      if (before !== undefined && JSON.stringify(before) === JSON.stringify(settings)) return;
      showState();
      reloadAll(before === undefined || settings.endpointUrl !== before.endpointUrl);
    }),
    ...eventSubscriptions,
  );
  // What only shows state (the view's description, the status bar, a context key, the log) and the
  // resumption of tracked operations run right after activate() returns, before VS Code hands the
  // activated extension any request: views, commands and serializers are all registered above.
  void Promise.resolve()
    .then(() => {
      showState();
      const resumed = operations.resume();
      if (resumed.length > 0) log.info(`Resumed tracking ${resumed.length} pending image(s).`);
      const searching = unknownCopies.resume();
      if (searching.length > 0)
        log.info(`Resumed looking for ${searching.length} copy(ies) whose outcome is unknown.`);
      const reports = usageReports.resume();
      if (reports.length > 0)
        log.info(`Resumed watching ${reports.length} image usage report(s) in progress.`);
      const { endpointUrl } = current();
      log.info(
        `AMI Explorer activated (profile: ${activeProfile.current ?? 'default chain'}${
          endpointUrl ? `, endpoint: ${endpointUrl}` : ''
        }${loading.codeCache ? `, code cache: ${loading.codeCache}` : ''})`,
      );
    })
    .catch((error: unknown) => logError(log, 'Finishing activation', error));
  return testApi(context.extensionMode === vscode.ExtensionMode.Production, () => ({
    imagesTree,
    instancesTree,
    documents,
    imagesView,
    families,
    familiesView,
    instancesView,
    credentials,
    operations,
    unknownCopies,
    panels,
    events,
    sharing,
    imageCreation,
    imageRegistration,
    references,
    usageReports,
    walkthrough,
    insightDocuments,
    imageDecorations,
    cancelProgress: cancelRunningProgress,
    globalStorage: context.globalStorageUri,
    useUserInput: (input) => {
      const previous = userInput;
      userInput = input;
      return { dispose: () => (userInput = previous) };
    },
  }));
}

/** Long enough for the first listings to have run, so the SDK code they need is cached too. */
const SAVE_SDK_CACHE_AFTER_MS = 10_000;

/**
 * The SDK chunk (dist/sdk.js, 0.8 MB) is compiled with V8's code cache kept beside the extension's
 * own (see `codeCache.ts`): about 180 ms of compiling on a 2-core machine before the first request
 * can go out, against about 15 ms from the cache. The cache is written a while after the first
 * load, when the first listings have compiled what they use.
 */
function loadSdkThroughCodeCache(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  loadCached: <T>(file: string, cacheName: string) => LoadedModule<T>,
): void {
  loadSdkWith(() => {
    const loaded = loadCached<Sdk>('sdk.js', 'sdk.js.bin');
    log.info(`AWS SDK loaded (code cache: ${loaded.cache})`);
    if (loaded.cache !== 'used') {
      const timer = setTimeout(() => {
        loaded.saveCache().then(
          (bytes) => log.info(`AWS SDK code cache written (${bytes} bytes)`),
          (error: unknown) => logError(log, 'Writing the AWS SDK code cache', error),
        );
      }, SAVE_SDK_CACHE_AFTER_MS);
      context.subscriptions.push({ dispose: () => clearTimeout(timer) });
    }
    return loaded.exports;
  });
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
