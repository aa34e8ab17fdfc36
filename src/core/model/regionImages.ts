import type { Ami, BackingType } from './ami';
import type { ImageSortOrder } from './grouping';
import { compareImages, GROUP_ORDER, sortImages } from './grouping';

/**
 * How many rows a backing group shows at first, and how many more each "Show … more" adds: the
 * newest 1,000 of a 50,000-AMI region render at once, where all of them would keep VS Code busy.
 */
export const GROUP_ROWS_SHOWN = 1000;

/**
 * The AMIs of one region as the Images view shows them: grouped by backing type, while they arrive
 * page by page and after.
 *
 * Rows never move while pages arrive: each page's AMIs are sorted among themselves and added after
 * the rows already there (a group that first appears on a later page comes after the others), so
 * the row a user is about to click stays where it is. The region is put in its real order
 * (`sortImages`, groups in `GROUP_ORDER`) by `sort()`, once every page is in; `isSorted` says
 * whether the order shown is the real one. A region whose AMIs all came in one page is sorted
 * from the start.
 *
 * Changes the user makes while pages still arrive (an image appears, changes or goes) win over the
 * pages that arrive after them, which may have been read before the change.
 */
export class RegionImages {
  private readonly byId = new Map<string, Ami>();
  private readonly rows = new Map<BackingType, Ami[]>();
  /** Groups in the order shown: as they first appeared, until sorted. */
  private order: BackingType[] = [];
  private sorted = true;
  private complete = false;
  private pageCount = 0;
  /** Ids the user changed or removed while pages still arrive: later pages do not undo that. */
  private readonly changedMeanwhile = new Set<string>();
  private readonly removedMeanwhile = new Set<string>();

  constructor(readonly sortBy: ImageSortOrder) {}

  /** How many AMIs are listed. */
  get size(): number {
    return this.byId.size;
  }

  /** How many pages have arrived. */
  get pages(): number {
    return this.pageCount;
  }

  /** Whether the rows are in their real order (see the class comment). */
  get isSorted(): boolean {
    return this.sorted;
  }

  /** Whether every page has arrived (`finish`). */
  get isComplete(): boolean {
    return this.complete;
  }

  /** Adds one page of AMIs, in EC2's order, after the rows already there. */
  addPage(images: readonly Ami[]): void {
    this.pageCount += 1;
    const fresh: Ami[] = [];
    for (const ami of images) {
      if (this.changedMeanwhile.has(ami.imageId) || this.removedMeanwhile.has(ami.imageId)) {
        continue;
      }
      // EC2 may list an image that changed between two pages twice: the later record wins.
      if (this.byId.has(ami.imageId)) this.replaceRecord(ami);
      else {
        this.byId.set(ami.imageId, ami);
        fresh.push(ami);
      }
    }
    for (const backingType of GROUP_ORDER) {
      const members = fresh.filter((ami) => ami.rootDeviceType === backingType);
      if (members.length === 0) continue;
      const rows = this.rowsFor(backingType, false);
      if (rows.length > 0) this.sorted = false;
      for (const ami of sortImages(members, this.sortBy)) rows.push(ami);
    }
    if (!this.inCanonicalOrder()) this.sorted = false;
  }

  /** Says every page has arrived: from now on there is nothing a change must be kept from. */
  finish(): void {
    this.complete = true;
    this.changedMeanwhile.clear();
    this.removedMeanwhile.clear();
  }

  /** Puts every group and row in its real order. */
  sort(): void {
    if (this.sorted) return;
    for (const [backingType, rows] of this.rows) {
      this.rows.set(backingType, sortImages(rows, this.sortBy));
    }
    this.order = GROUP_ORDER.filter((t) => this.rows.has(t));
    this.sorted = true;
  }

  /** The groups that have AMIs, in the order shown, each with its rows in the order shown. */
  groups(): { backingType: BackingType; images: readonly Ami[] }[] {
    return this.order.map((backingType) => ({ backingType, images: this.imagesOf(backingType) }));
  }

  /** The rows of one group in the order shown (none when it has no AMIs). */
  imagesOf(backingType: BackingType): readonly Ami[] {
    return this.rows.get(backingType) ?? [];
  }

  /** The listed record of an image. */
  get(imageId: string): Ami | undefined {
    return this.byId.get(imageId);
  }

  /**
   * Shows a new or changed image: a listed one keeps its place when its group and order cannot have
   * changed; a new one goes where it belongs in a sorted region, else on top of its group when
   * the user has just made it (`made`), or at the end of its group (where the pages still to come
   * go) when it is only a change EC2 reported for an image the listing has not reached yet: no row
   * shown moves for it.
   */
  upsert(ami: Ami, placement: 'made' | 'changed' = 'made'): void {
    this.noteChange(ami.imageId);
    const known = this.byId.get(ami.imageId);
    if (
      known &&
      known.rootDeviceType === ami.rootDeviceType &&
      compareImages(known, ami, this.sortBy) === 0
    ) {
      this.replaceRecord(ami);
      return;
    }
    if (known) this.drop(known);
    this.byId.set(ami.imageId, ami);
    const rows = this.rowsFor(ami.rootDeviceType, this.sorted);
    if (!this.sorted) {
      if (placement === 'made') rows.unshift(ami);
      else rows.push(ami);
      return;
    }
    let low = 0;
    let high = rows.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const row = rows[middle];
      if (row && compareImages(row, ami, this.sortBy) < 0) low = middle + 1;
      else high = middle;
    }
    rows.splice(low, 0, ami);
  }

  /**
   * Replaces the record of a listed image whose group and place cannot have changed (tags,
   * description, deprecation, protection, state). Returns false when the image is not listed.
   */
  replace(ami: Ami): boolean {
    if (!this.byId.has(ami.imageId)) return false;
    this.noteChange(ami.imageId);
    this.replaceRecord(ami);
    return true;
  }

  /** Removes images (deregistered); returns whether any was listed. */
  remove(imageIds: readonly string[]): boolean {
    let removed = false;
    for (const imageId of imageIds) {
      if (!this.complete) this.removedMeanwhile.add(imageId);
      const known = this.byId.get(imageId);
      if (!known) continue;
      this.drop(known);
      removed = true;
    }
    return removed;
  }

  private noteChange(imageId: string): void {
    if (this.complete) return;
    this.changedMeanwhile.add(imageId);
    this.removedMeanwhile.delete(imageId);
  }

  private replaceRecord(ami: Ami): void {
    const known = this.byId.get(ami.imageId);
    this.byId.set(ami.imageId, ami);
    if (!known) return;
    const rows = this.rows.get(known.rootDeviceType);
    const index = rows?.indexOf(known) ?? -1;
    if (rows && index >= 0) rows[index] = ami;
  }

  private drop(known: Ami): void {
    this.byId.delete(known.imageId);
    const rows = this.rows.get(known.rootDeviceType);
    const index = rows?.indexOf(known) ?? -1;
    if (!rows || index < 0) return;
    rows.splice(index, 1);
    if (rows.length === 0) {
      this.rows.delete(known.rootDeviceType);
      this.order = this.order.filter((t) => t !== known.rootDeviceType);
    }
  }

  /** The rows of a group, made (with its place among the groups) when it has none yet. */
  private rowsFor(backingType: BackingType, canonicalPlace: boolean): Ami[] {
    let rows = this.rows.get(backingType);
    if (!rows) {
      rows = [];
      this.rows.set(backingType, rows);
      this.order.push(backingType);
      if (canonicalPlace) this.order = GROUP_ORDER.filter((t) => this.rows.has(t));
    }
    return rows;
  }

  private inCanonicalOrder(): boolean {
    const canonical = GROUP_ORDER.filter((t) => this.rows.has(t));
    return canonical.every((t, i) => this.order[i] === t);
  }
}
