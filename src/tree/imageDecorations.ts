import * as vscode from 'vscode';
import type { Ami } from '../core/model/ami';
import { badgeOfQuery } from '../core/model/imageGlance';

/** The URI scheme of Images rows' decorations (never opened: only decorated). */
export const IMAGE_DECORATION_SCHEME = 'ami-explorer-image';

/**
 * The resourceUri of an Images row with a badge: region and id in the path, what decides the badge
 * in the query (`core/model/imageGlance.ts` `badgeQuery`), so the provider needs no lookup and a
 * changed AMI gets a new URI, hence a fresh decoration.
 */
export function imageDecorationUri(
  ami: Pick<Ami, 'region' | 'imageId'>,
  query: string,
): vscode.Uri {
  return vscode.Uri.from({
    scheme: IMAGE_DECORATION_SCHEME,
    path: `/${ami.region}/${ami.imageId}`,
    query,
  });
}

/** Badges of the Images rows: finding severity letter, "!" when Allowed AMIs does not allow it. */
export class ImageDecorationProvider implements vscode.FileDecorationProvider {
  provideFileDecoration(uri: vscode.Uri): vscode.FileDecoration | undefined {
    if (uri.scheme !== IMAGE_DECORATION_SCHEME) return undefined;
    const badge = badgeOfQuery(uri.query);
    if (badge === undefined) return undefined;
    return new vscode.FileDecoration(
      badge.badge,
      badge.tooltip,
      new vscode.ThemeColor(badge.color),
    );
  }
}
