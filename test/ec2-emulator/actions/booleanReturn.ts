import type { XmlChild } from '../protocol/xmlWriter';
import { el } from '../protocol/xmlWriter';

/** `<return>true</return>`, the body of EC2's simple success answers. */
export function returnTrue(): XmlChild[] {
  return [el('return', true)];
}
