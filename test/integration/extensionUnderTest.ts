import * as vscode from 'vscode';
import type { AmiExplorerApi } from '../../src/extension';

/** The extension's id: publisher.name from package.json. */
export const EXTENSION_ID = 'ami-explorer.ami-explorer';

/** Activates AMI Explorer (once) and returns the parts it exposes for tests. */
export async function amiExplorer(): Promise<AmiExplorerApi> {
  const extension = vscode.extensions.getExtension<AmiExplorerApi | undefined>(EXTENSION_ID);
  if (extension === undefined) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  }
  const api = await extension.activate();
  if (api === undefined) throw new Error(`${EXTENSION_ID} returned no test API (production mode?)`);
  return api;
}

/** The extension's package.json as VS Code read it. */
export function manifest(): ExtensionManifest {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  if (extension === undefined) {
    throw new Error(`${EXTENSION_ID} is not loaded in this extension host`);
  }
  return extension.packageJSON as ExtensionManifest;
}

/** The parts of package.json the tests look at. */
export interface ExtensionManifest {
  readonly contributes: {
    readonly commands: readonly { readonly command: string; readonly title: string }[];
    readonly viewsWelcome?: readonly {
      readonly view: string;
      readonly contents: string;
      readonly when?: string;
    }[];
    readonly menus: Readonly<
      Record<string, readonly { readonly command: string; readonly when?: string }[]>
    >;
  };
}
