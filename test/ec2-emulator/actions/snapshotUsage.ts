import type { EmulatorWorld } from '../state/emulatorWorld';
import type { ImageRecord } from '../state/imageRecord';

/** The registered image (if any) whose block-device mappings use the snapshot. */
export function imageUsingSnapshot(
  world: EmulatorWorld,
  snapshotId: string,
): ImageRecord | undefined {
  const snapshot = world.store.snapshots.get(snapshotId);
  if (!snapshot) {
    return undefined;
  }
  return world.store
    .imagesIn(snapshot.region)
    .find((image) => image.blockDevices.some((d) => d.ebs?.snapshotId === snapshotId));
}
