/**
 * Writing XML text by hand: the feeds and alerts we publish are read by other agencies' systems, so one
 * stray `&` or control character in a user-written title must not make a whole document unreadable.
 */

/**
 * Everything outside XML 1.0's `Char` production (C0 controls other than tab, newline and carriage return;
 * lone surrogates; U+FFFE and U+FFFF). A parser must reject a document containing any of them, even escaped.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** `text` without the characters XML 1.0 cannot carry at all. */
export function stripInvalidXmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, '');
}

/** `text` as element content: markup characters escaped, invalid characters removed. */
export function escapeXmlText(text: string): string {
  return stripInvalidXmlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * `value` as a quoted attribute value (either quote). Tab, newline and carriage return are written as
 * character references because a parser would otherwise turn them into spaces (attribute normalisation).
 */
export function escapeXmlAttribute(value: string): string {
  return escapeXmlText(value)
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

/**
 * One element holding text, e.g. `<title>A &amp; B</title>`. `name` and the attribute names are ours
 * (never user input), so only the values are escaped.
 */
export function textElement(name: string, text: string, attributes: Readonly<Record<string, string>> = {}): string {
  return `<${name}${xmlAttributes(attributes)}>${escapeXmlText(text)}</${name}>`;
}

/** ` a="1" b="2"` (leading space included; empty for no attributes). */
export function xmlAttributes(attributes: Readonly<Record<string, string>>): string {
  return Object.entries(attributes)
    .map(([name, value]) => ` ${name}="${escapeXmlAttribute(value)}"`)
    .join('');
}
