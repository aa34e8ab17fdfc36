/**
 * How typed or pasted text is measured and quoted back in messages. Pure and free of Node APIs:
 * the launch-permission panel's page uses it too.
 */

/**
 * Length in Unicode characters (code points). EC2 counts tag keys and values this way, so an emoji
 * is one character even though a JavaScript string stores it as two UTF-16 code units.
 */
export function charLength(value: string): number {
  return [...value].length;
}

/** How much of a value a message repeats before shortening it with `…`. */
export const SHOWN_CHARACTERS = 60;

/**
 * Characters that must not reach a notification or validation message as they are: C0 and C1
 * controls and DEL (a newline or escape sequence would break or restyle the message), soft hyphen,
 * zero-width and invisible formatting characters, line and paragraph separators, the
 * bidirectional embeddings, overrides and isolates (they reorder the text around them), the byte
 * order mark, interlinear annotation characters, and unpaired surrogates.
 */
function isUnsafe(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0xad ||
    codePoint === 0x61c ||
    codePoint === 0x180e ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x2028 && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x2069) ||
    codePoint === 0xfeff ||
    (codePoint >= 0xfff9 && codePoint <= 0xfffb) ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff)
  );
}

const NAMED_ESCAPES: Readonly<Record<number, string>> = { 0x09: '\\t', 0x0a: '\\n', 0x0d: '\\r' };

function escapeCharacter(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  if (!isUnsafe(codePoint)) return character;
  const named = NAMED_ESCAPES[codePoint];
  if (named !== undefined) return named;
  const hex = codePoint.toString(16).toUpperCase();
  return codePoint <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * A value as a message may show it: invisible and control characters written as escapes (`\n`,
 * `\x1B`, `\u202E`), and anything longer than `max` characters cut (never inside a character) and
 * ended with `…`.
 */
export function shown(value: string, max: number = SHOWN_CHARACTERS): string {
  const characters = [...value];
  const long = characters.length > max;
  const kept = long ? characters.slice(0, Math.max(1, max - 1)) : characters;
  const text = kept.map(escapeCharacter).join('');
  return long ? `${text}…` : text;
}

/** `shown(value)` in double quotes: how messages quote what the user typed. */
export function quoted(value: string, max: number = SHOWN_CHARACTERS): string {
  return `"${shown(value, max)}"`;
}
