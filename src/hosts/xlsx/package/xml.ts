/**
 * The little XML the package layer needs: attributes of a tag, text escaped and
 * unescaped as OOXML has it (XML entities, and `_xHHHH_` for characters XML cannot hold).
 */

/** Damaged XML in a part: the message says what is wrong. */
export class MalformedXml extends Error {}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** XML text (with entities) as a string; OOXML's `_xHHHH_` escapes decoded too. */
export function unescapeXml(text: string): string {
  let s = text;
  if (s.includes("&"))
    s = s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (m, e: string) => {
      if (e[0] === "#")
        return String.fromCodePoint(
          e[1] === "x" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)
        );
      return ENTITIES[e] ?? m;
    });
  if (s.includes("_x"))
    s = s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
      String.fromCharCode(parseInt(hex, 16))
    );
  return s;
}

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|_x[0-9A-Fa-f]{4}_/;

/**
 * A string as XML text: entities for markup, a character reference for a carriage return
 * (a raw one reads back as a line feed), `_xHHHH_` for control characters XML cannot hold,
 * and a literal `_xHHHH_` guarded so it does not read as an escape.
 */
export function escapeXml(text: string): string {
  // Most text needs nothing: one test instead of four replaces.
  if (!NEEDS_ESCAPE.test(text)) return text;
  let out = text.replace(/_x([0-9A-Fa-f]{4})_/g, "_x005F_x$1_");
  out = out.replace(/[&<>"]/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"
  );
  out = out.replace(/\r/g, "&#13;");
  out = out.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g,
    (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`
  );
  return out;
}

/** The attributes of a start tag (`<c r="A1" s="3">`), by name. */
export function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tag))) out.set(m[1], unescapeXml(m[3] ?? m[4] ?? ""));
  return out;
}

/** One attribute of a start tag, or undefined. */
export function attribute(tag: string, name: string): string | undefined {
  const at = tag.indexOf(` ${name}=`);
  if (at < 0) return undefined;
  const quote = tag[at + name.length + 2];
  if (quote !== '"' && quote !== "'") return undefined;
  const end = tag.indexOf(quote, at + name.length + 3);
  if (end < 0) throw new MalformedXml(`attribute ${name} is not closed`);
  return unescapeXml(tag.slice(at + name.length + 3, end));
}

/** Sets (or adds) an attribute in a start tag. */
export function withAttribute(tag: string, name: string, value: string): string {
  const escaped = escapeXml(value);
  const re = new RegExp(`(\\s${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*)("[^"]*"|'[^']*')`);
  if (re.test(tag)) return tag.replace(re, `$1"${escaped}"`);
  const close = tag.endsWith("/>") ? tag.length - 2 : tag.length - 1;
  return `${tag.slice(0, close)} ${name}="${escaped}"${tag.slice(close)}`;
}

/** Every element `<name ...>...</name>` or `<name .../>` in a text, as its start tag and inner XML. */
export function elements(
  xml: string,
  name: string
): { tag: string; inner: string; start: number; end: number }[] {
  const out: { tag: string; inner: string; start: number; end: number }[] = [];
  const open = `<${name}`;
  let i = 0;
  for (;;) {
    i = xml.indexOf(open, i);
    if (i < 0) break;
    const after = xml[i + open.length];
    if (
      after !== " " &&
      after !== ">" &&
      after !== "/" &&
      after !== "\n" &&
      after !== "\t" &&
      after !== "\r"
    ) {
      i += open.length;
      continue;
    }
    const tagEnd = xml.indexOf(">", i);
    if (tagEnd < 0) throw new MalformedXml(`a <${name}> tag is not closed`);
    const tag = xml.slice(i, tagEnd + 1);
    if (tag.endsWith("/>")) {
      out.push({ tag, inner: "", start: i, end: tagEnd + 1 });
      i = tagEnd + 1;
      continue;
    }
    const close = xml.indexOf(`</${name}>`, tagEnd);
    if (close < 0) throw new MalformedXml(`a <${name}> element is not closed`);
    const end = close + name.length + 3;
    out.push({ tag, inner: xml.slice(tagEnd + 1, close), start: i, end });
    i = end;
  }
  return out;
}

/** The text of the `<t>` elements inside a string item (`<si>` or `<is>`): runs joined, phonetic runs left out. */
export function stringItemText(inner: string): string {
  let text = "";
  let i = 0;
  for (;;) {
    const rph = inner.indexOf("<rPh", i);
    const t = inner.indexOf("<t", i);
    if (t < 0) break;
    if (rph >= 0 && rph < t) {
      const close = inner.indexOf("</rPh>", rph);
      if (close < 0) throw new MalformedXml("a phonetic run is not closed");
      i = close + 6;
      continue;
    }
    const after = inner[t + 2];
    if (after !== ">" && after !== " " && after !== "/") {
      i = t + 2;
      continue;
    }
    const tagEnd = inner.indexOf(">", t);
    if (tagEnd < 0) throw new MalformedXml("a text element is not closed");
    if (inner[tagEnd - 1] === "/") {
      i = tagEnd + 1;
      continue;
    }
    const close = inner.indexOf("</t>", tagEnd);
    if (close < 0) throw new MalformedXml("a text element is not closed");
    text += unescapeXml(inner.slice(tagEnd + 1, close));
    i = close + 4;
  }
  return text;
}
