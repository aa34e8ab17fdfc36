import { BackingGroupNode } from '../tree/backingGroupNode';
import type { CommandDeps } from './commandDeps';

/**
 * `amiExplorer.images.showMore`: the "Show … more" row of a large backing group lists more of its
 * rows. Only reached by clicking that row (not on the Command Palette).
 */
export function showMoreImages(deps: CommandDeps, clicked: unknown): Promise<void> {
  if (clicked instanceof BackingGroupNode) deps.imagesTree.showMore(clicked);
  return Promise.resolve();
}
