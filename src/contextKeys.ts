/**
 * Context keys and keybinding arguments that package.json refers to, in one module without
 * `vscode` so that the manifest's contract test (test/unit/packageJson.test.ts) can read them.
 */

/**
 * The context keys the Getting Started walkthrough's steps complete on (`onContext:` in
 * package.json `contributes.walkthroughs`). Each is set the first time its event really happens in
 * a window (walkthrough.ts); VS Code remembers a completed step itself.
 */
export const WALKTHROUGH_CONTEXT_KEYS = {
  /** EC2 accepted the credentials (the account check, or a region's listing, answered). */
  credentialsFound: 'amiExplorer:credentialsFound',
  /** A region of the Images view has listed its AMIs. */
  regionListed: 'amiExplorer:regionListed',
  /** An AMI's JSON (`ami:` document) is open in a tab. */
  amiJsonOpened: 'amiExplorer:amiJsonOpened',
  /** A block-devices or launch-permissions panel is open. */
  panelOpened: 'amiExplorer:panelOpened',
} as const;

/** Whether the Images view's selection holds an AMI row: its keybindings need one. */
export const IMAGE_ROW_SELECTED_KEY = 'amiExplorer:imageRowSelected';

/**
 * The argument the Images view's keybindings pass (`args`): VS Code runs a keybinding's command
 * with its `args` only, never with the focused row, so the keys say "the rows selected in the
 * Images view" (ui/targets.ts `keyboardTarget`).
 */
export const IMAGES_VIEW_SELECTION = 'amiExplorer.imagesViewSelection';
