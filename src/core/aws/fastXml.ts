/**
 * A faster reading of EC2's XML answers, giving exactly what the SDK's own reader
 * (`parseXML` of `@aws-sdk/xml-builder`) gives for the same text, or `undefined` when the text has
 * anything this reader leaves to the SDK: comments, CDATA, processing instructions or a DOCTYPE
 * inside the document, carriage returns, a `__proto__` name, or XML that is not well formed (so
 * the SDK's error, and our mapping of it, stay what they were).
 *
 * Why: the SDK's reader builds every tag name and text one character at a time; for a page of
 * 1,000 images (about 1 MB) that is most of the CPU a listing costs, and a listing of many regions
 * parses their pages one after the other on the extension host's one thread. This reader cuts names
 * and texts out with `indexOf`/`slice` instead, about 5× faster on such a page. The object it
 * builds follows the SDK's rules to the letter: an element with neither attributes nor child
 * elements is its text ("" when it is only whitespace with a line break), repeated child names
 * become arrays, text beside child elements or attributes is `#text`, attributes are set after the
 * children. `fastXml.test.ts` compares the two readers on EC2's answers and on edge cases.
 */

const LT = 60; // <
const GT = 62; // >
const SLASH = 47; // /
const EQ = 61; // =
const QUESTION = 63; // ?
const BANG = 33; // !
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;

/** The SDK reader's entities: the five of XML and numeric references, others removed. */
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};
/**
 * The text between `start` and `end`, entities decoded, in storage of its own: V8 makes a cut of 13
 * or more characters a view into the whole answer, and a record someone keeps (an instance's raw
 * record, a region) would keep the whole answer alive. (The SDK's reader, which builds texts one
 * character at a time, never makes such views.) A JSON round trip makes a flat copy, exactly.
 */
function textOf(x: string, start: number, end: number): string {
  const cut = x.slice(start, end);
  const text = cut.includes('&') ? decodeEntities(cut) : cut;
  // A decoded text is new; a short cut is a copy already.
  return text !== cut || text.length < 13 ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** Thrown inside the reader for anything it leaves to the SDK; never escapes `parseXmlFast`. */
class LeftToSdk extends Error {}
/**
 * Made without a stack: a stack made while the SDK chunk loads would keep that chunk's whole
 * top-level bytecode (1.4 MB) alive for as long as the extension runs.
 */
const LEFT_TO_SDK = ((): LeftToSdk => {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return new LeftToSdk('left to the SDK reader');
  } finally {
    Error.stackTraceLimit = limit;
  }
})();

const ENTITY = /&(?:#x([0-9a-fA-F]{1,6})|#(\d{1,7})|([a-zA-Z][a-zA-Z0-9]{0,30}));/g;

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(
    ENTITY,
    (_: string, hex: string | undefined, dec: string | undefined, named: string) => {
      if (hex) return String.fromCharCode(parseInt(hex, 16));
      if (dec) return String.fromCharCode(parseInt(dec, 10));
      // The SDK's reader removes other names (and stumbles on inherited ones): it decides those.
      const known = Object.prototype.hasOwnProperty.call(ENTITIES, named)
        ? ENTITIES[named]
        : undefined;
      if (known === undefined) throw LEFT_TO_SDK;
      return known;
    },
  );
}

const isSpace = (c: number): boolean => c === SPACE || c === TAB || c === LF || c === CR;

/** Whitespace only, with a line break in it: the SDK drops such text between elements. */
const isIndentation = (text: string): boolean => text.includes('\n') && text.trim() === '';

type XmlValue = string | XmlObject | XmlValue[];
interface XmlObject {
  [key: string]: XmlValue;
}

/** Whether `text` may be indentation: the SDK's check, skipped when it starts with a visible ASCII character. */
function dropped(text: string): boolean {
  const c = text.charCodeAt(0);
  return !(c > SPACE && c < 127) && isIndentation(text);
}

class Reader {
  private i = 0;
  private readonly z: number;
  /** The name of the element `element()` has just read. */
  private tag = '';
  /** Whether an object with `#text` was made (the SDK then lifts such texts, see `parseXmlFast`). */
  texts = false;

  constructor(private readonly x: string) {
    this.z = x.length;
  }

  document(): Record<string, XmlValue> {
    const { x, z } = this;
    for (;;) {
      this.skipSpace();
      if (this.i >= z) throw LEFT_TO_SDK;
      if (x.startsWith('<?', this.i)) {
        const end = x.indexOf('?>', this.i);
        if (end === -1) throw LEFT_TO_SDK;
        this.i = end + 2;
        continue;
      }
      if (x.charCodeAt(this.i) !== LT || x.charCodeAt(this.i + 1) === BANG) throw LEFT_TO_SDK;
      const value = this.element();
      return { [this.tag]: value };
    }
  }

  private skipSpace(): void {
    while (this.i < this.z && isSpace(this.x.charCodeAt(this.i))) this.i++;
  }

  /** Whether `</tag>` is at `at`. */
  private closes(tag: string, at: number): boolean {
    const { x } = this;
    return (
      x.charCodeAt(at) === LT &&
      x.charCodeAt(at + 1) === SLASH &&
      x.startsWith(tag, at + 2) &&
      x.charCodeAt(at + 2 + tag.length) === GT
    );
  }

  /**
   * Reads an element starting at its `<` and returns its value as the SDK would; its name is left
   * in `this.tag`.
   */
  private element(): XmlValue {
    const { x, z } = this;
    const start = ++this.i;
    while (this.i < z) {
      const c = x.charCodeAt(this.i);
      if (c === GT || c === SLASH || isSpace(c)) break;
      this.i++;
    }
    const tag = x.slice(start, this.i);
    if (tag.length === 0 || tag === '__proto__' || tag === '#text') throw LEFT_TO_SDK;

    let attrs: Record<string, string> | undefined;
    if (x.charCodeAt(this.i) !== GT) {
      for (;;) {
        this.skipSpace();
        if (this.i >= z) throw LEFT_TO_SDK;
        const c = x.charCodeAt(this.i);
        if (c === GT || c === SLASH) break;
        const nameStart = this.i;
        while (this.i < z) {
          const n = x.charCodeAt(this.i);
          if (n === EQ || isSpace(n) || n === GT || n === SLASH || n === QUESTION) break;
          this.i++;
        }
        const name = x.slice(nameStart, this.i);
        this.skipSpace();
        if (x.charCodeAt(this.i) !== EQ) break;
        this.i++;
        this.skipSpace();
        if (name === '__proto__' || this.i >= z) throw LEFT_TO_SDK;
        const quote = x[this.i] ?? '';
        const valueEnd = x.indexOf(quote, this.i + 1);
        if (valueEnd === -1) throw LEFT_TO_SDK;
        attrs ??= {};
        attrs[name] = textOf(x, this.i + 1, valueEnd);
        this.i = valueEnd + 1;
      }
      if (this.i >= z) throw LEFT_TO_SDK;
      if (x.charCodeAt(this.i) === SLASH) {
        if (x.charCodeAt(this.i + 1) !== GT) throw LEFT_TO_SDK;
        this.i += 2;
        this.tag = tag;
        return attrs ?? '';
      }
      if (x.charCodeAt(this.i) !== GT) throw LEFT_TO_SDK;
    }
    this.i++;

    // Most elements are a text and their end tag.
    if (!attrs && x.charCodeAt(this.i) !== LT) {
      const end = x.indexOf('<', this.i);
      if (end !== -1 && this.closes(tag, end)) {
        const text = textOf(x, this.i, end);
        this.i = end + 3 + tag.length;
        this.tag = tag;
        return dropped(text) ? '' : text;
      }
    }

    let text: string | undefined;
    let texts: string[] | undefined;
    let obj: XmlObject | undefined;
    for (;;) {
      if (this.i >= z) throw LEFT_TO_SDK;
      if (x.charCodeAt(this.i) === LT) {
        const next = x.charCodeAt(this.i + 1);
        if (next === SLASH) break;
        if (next === BANG || next === QUESTION) throw LEFT_TO_SDK;
        const value = this.element();
        const name = this.tag;
        obj ??= {};
        // `in`, as the SDK's reader has it (it also sees inherited names).
        if (name in obj) {
          const present = obj[name];
          if (Array.isArray(present)) present.push(value);
          else obj[name] = [present, value];
        } else {
          obj[name] = value;
        }
      } else {
        let end = x.indexOf('<', this.i);
        if (end === -1) end = z;
        const part = textOf(x, this.i, end);
        this.i = end;
        if (text === undefined) text = part;
        else (texts ??= [text]).push(part);
      }
    }
    if (this.closes(tag, this.i)) {
      this.i += 3 + tag.length;
    } else {
      this.i += 2;
      const closeEnd = x.indexOf('>', this.i);
      if (closeEnd === -1 || x.slice(this.i, closeEnd).trim() !== tag) throw LEFT_TO_SDK;
      this.i = closeEnd + 1;
    }
    this.tag = tag;

    if (!attrs && !obj) {
      if (text === undefined) return '';
      const whole = texts ? texts.join('') : text;
      return dropped(whole) ? '' : whole;
    }
    obj ??= {};
    if (text !== undefined) {
      let joined: string | undefined;
      for (const part of texts ?? [text]) {
        if (dropped(part)) continue;
        joined = joined === undefined ? part : joined + part;
      }
      if (joined !== undefined) {
        obj['#text'] = joined;
        this.texts = true;
      }
    }
    if (attrs) for (const name of Object.keys(attrs)) obj[name] = attrs[name] ?? '';
    return obj;
  }
}

/** What `parseXmlFast` read. */
export interface FastXmlDocument {
  /** What the SDK's `parseXML` returns: `{ rootTag: value }`. */
  readonly document: Record<string, XmlValue>;
  /** Whether any element's value is an object with `#text` (text beside attributes or elements). */
  readonly hasTextNodes: boolean;
}

/**
 * What `parseXML` of `@aws-sdk/xml-builder` returns for `xml`, or `undefined` when the SDK's reader
 * should read it (see the file's comment).
 */
export function parseXmlFast(xml: string): FastXmlDocument | undefined {
  if (xml.includes('\r')) return undefined;
  try {
    const reader = new Reader(xml);
    const document = reader.document();
    return { document, hasTextNodes: reader.texts };
  } catch (error) {
    if (error === LEFT_TO_SDK) return undefined;
    throw error;
  }
}
