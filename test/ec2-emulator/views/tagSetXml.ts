import type { XmlElement } from '../protocol/xmlWriter';
import { el, listEl } from '../protocol/xmlWriter';

/** `<tagSet>` as EC2 sends it; omitted entirely when a resource has no tags. */
export function tagSetXml(tags: ReadonlyMap<string, string>): XmlElement | undefined {
  if (tags.size === 0) {
    return undefined;
  }
  return listEl('tagSet', [...tags.entries()], ([key, value]) => [
    el('key', key),
    el('value', value),
  ]);
}
