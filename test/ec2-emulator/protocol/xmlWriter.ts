/**
 * A tiny XML builder for EC2 Query-protocol responses. EC2 answers are plain element trees
 * (no attributes except the namespace on the root), so a tree of {name, children} is enough.
 */

/** A child of an element: another element, or a scalar rendered as escaped text. */
export type XmlChild = XmlElement | string | number | boolean | undefined | null;

/** An XML element; `undefined`/`null` children are skipped so optional fields can be inlined. */
export interface XmlElement {
  readonly name: string;
  readonly children: readonly XmlChild[];
  readonly attributes?: Readonly<Record<string, string>>;
}

/** Builds an element. */
export function el(name: string, ...children: XmlChild[]): XmlElement {
  return { name, children };
}

/**
 * Builds an element only when the value is present. EC2 omits absent fields entirely rather
 * than sending empty elements, and the SDK maps a missing element to `undefined`.
 */
export function optionalEl(name: string, value: XmlChild): XmlElement | undefined {
  return value === undefined || value === null ? undefined : el(name, value);
}

/** Builds an EC2 list: `<name><item>…</item><item>…</item></name>`. */
export function listEl<T>(
  name: string,
  items: readonly T[],
  render: (item: T) => XmlChild[],
): XmlElement {
  return el(name, ...items.map((item) => el('item', ...render(item))));
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// eslint-disable-next-line no-control-regex
const invalidXmlChars = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Escapes text for element content and attribute values. */
export function escapeXml(text: string): string {
  // Control characters other than tab/newline/CR are not allowed in XML 1.0 at all;
  // dropping them keeps hostile input from producing a document the SDK cannot parse.
  return text.replace(invalidXmlChars, '').replace(/[&<>"']/g, (c) => escapes[c] ?? c);
}

function renderInto(node: XmlChild, out: string[]): void {
  if (node === undefined || node === null) {
    return;
  }
  if (typeof node !== 'object') {
    out.push(escapeXml(String(node)));
    return;
  }
  const attrs = node.attributes
    ? Object.entries(node.attributes)
        .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
        .join('')
    : '';
  const present = node.children.filter((c) => c !== undefined && c !== null);
  if (present.length === 0) {
    out.push(`<${node.name}${attrs}/>`);
    return;
  }
  out.push(`<${node.name}${attrs}>`);
  for (const child of present) {
    renderInto(child, out);
  }
  out.push(`</${node.name}>`);
}

/** Serialises a document with the XML declaration EC2 sends. */
export function renderXmlDocument(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  renderInto(root, out);
  return out.join('');
}
