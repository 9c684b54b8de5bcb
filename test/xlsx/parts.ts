/**
 * Reading .xlsx packages in tests with readers other than the product's: fflate's unzip
 * and xmldom's DOM, so what the product writes is checked by someone else's parser.
 */
import { unzipSync, zipSync } from "fflate";
import { DOMParser, Document, Element } from "@xmldom/xmldom";

export type Parts = Map<string, Uint8Array>;

export function unzip(bytes: Uint8Array): Parts {
  return new Map(Object.entries(unzipSync(bytes)));
}

export function zip(parts: Parts): Uint8Array {
  return zipSync(Object.fromEntries(parts));
}

export function text(parts: Parts, name: string): string {
  const part = parts.get(name);
  if (!part) throw new Error(`no part ${name}`);
  return new TextDecoder().decode(part);
}

/** A part as a DOM; a part that is not well-formed XML fails the test. */
export function xml(parts: Parts, name: string): Document {
  const errors: string[] = [];
  const doc = new DOMParser({
    onError: (level: string, message: string) => {
      if (level !== "warning") errors.push(message);
    },
  }).parseFromString(text(parts, name), "text/xml");
  if (errors.length) throw new Error(`${name} is not well-formed: ${errors[0]}`);
  return doc as unknown as Document;
}

export function all(node: Document | Element, tag: string): Element[] {
  return Array.from(node.getElementsByTagName(tag)) as Element[];
}

const dirOf = (path: string): string => path.slice(0, path.lastIndexOf("/") + 1);

function resolve(from: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const out: string[] = [];
  for (const p of (dirOf(from) + target).split("/")) {
    if (p === "..") out.pop();
    else if (p && p !== ".") out.push(p);
  }
  return out.join("/");
}

export const relsPath = (part: string): string =>
  `${dirOf(part)}_rels/${part.slice(dirOf(part).length)}.rels`;

/** The parts a part's relationships point to (internal ones), by type's last word. */
export function related(parts: Parts, part: string): { type: string; path: string }[] {
  const rels = relsPath(part);
  if (!parts.has(rels)) return [];
  return all(xml(parts, rels), "Relationship")
    .filter((r) => r.getAttribute("TargetMode") !== "External")
    .map((r) => ({
      type: r.getAttribute("Type")!.replace(/.*\//, ""),
      path: resolve(part, r.getAttribute("Target")!),
    }));
}

/** Sheet part names by sheet name, through workbook.xml and its relationships. */
export function sheetParts(parts: Parts): Map<string, string> {
  const rels = new Map(
    all(xml(parts, "xl/_rels/workbook.xml.rels"), "Relationship").map((r) => [
      r.getAttribute("Id")!,
      resolve("xl/workbook.xml", r.getAttribute("Target")!),
    ])
  );
  return new Map(
    all(xml(parts, "xl/workbook.xml"), "sheet").map((s) => [
      s.getAttribute("name")!,
      rels.get(s.getAttribute("r:id")!)!,
    ])
  );
}

/** A sheet's XML without its cells, dimension and table list: what the product never changes. */
export function sheetFrame(sheetXml: string): string {
  return sheetXml
    .replace(/<sheetData\s*\/>|<sheetData>[\s\S]*<\/sheetData>/, "<sheetData/>")
    .replace(/<dimension [^>]*\/>/, "")
    .replace(/<tableParts[\s\S]*?(<\/tableParts>|\/>)/, "");
}

/** Every cell of a sheet's XML by reference (`B7`), as written. */
export function cellsOf(sheetXml: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of sheetXml.matchAll(/<c\s[^>]*?r="([A-Z]+\d+)"[^>]*?(\/>|>[\s\S]*?<\/c>)/g))
    out.set(m[1], m[0]);
  return out;
}

export function same(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  return !!a && !!b && Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
}
