/**
 * The zip container of an .xlsx, as a package of parts: the central directory read for
 * random access to each part (fflate reads zips front to back only), parts inflated whole
 * or in pieces, and a new package written by fflate's Zip where unchanged parts are
 * carried over as their compressed bytes, never inflated and deflated again. The
 * compression itself is a Codec: fflate's by default, Node's native zlib in the CLI.
 */
import { Inflate, inflateSync, Zip, ZipDeflate, ZipInputFile } from "fflate";

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  offset: number;
  /** DOS date and time, kept for parts carried over. */
  dosTime: number;
  dosDate: number;
}

/** The package is not a zip this reader can open: the message says what is wrong. */
export class ZipError extends Error {}

/** A zip entry written in pieces: fflate's Zip takes `file`. */
export interface EntryWriter {
  readonly file: ZipInputFile;
  write(bytes: Uint8Array): void | Promise<void>;
  end(): void | Promise<void>;
}

/** Raw deflate, both ways. */
export interface Codec {
  /** A whole (small) part. */
  inflateSync(stored: Uint8Array, size: number): Uint8Array;
  /** A part in pieces, in order. */
  inflate(stored: Uint8Array): AsyncIterable<Uint8Array>;
  /** A deflated entry; `large` asks for speed over size. */
  entry(name: string, mtime: Date, large: boolean): EntryWriter;
}

/** fflate's codec: JavaScript, for the browser (and small files anywhere). */
export const FFLATE_CODEC: Codec = {
  inflateSync: (stored, size) => inflateSync(stored, { out: new Uint8Array(size) }),
  async *inflate(stored) {
    const pieces: Uint8Array[] = [];
    const inflate = new Inflate((chunk) => {
      pieces.push(chunk);
    });
    const step = 1 << 20;
    for (let i = 0; i < stored.length || i === 0; i += step) {
      inflate.push(
        stored.subarray(i, Math.min(stored.length, i + step)),
        i + step >= stored.length
      );
      yield* pieces.splice(0);
    }
  },
  entry(name, mtime, large) {
    const file = new ZipDeflate(name, { level: large ? 1 : 6 });
    file.mtime = mtime;
    return {
      file,
      write: (bytes) => file.push(bytes),
      end: () => file.push(new Uint8Array(0), true),
    };
  },
};

const u16 = (d: Uint8Array, i: number): number => d[i] | (d[i + 1] << 8);
const u32 = (d: Uint8Array, i: number): number =>
  (d[i] | (d[i + 1] << 8) | (d[i + 2] << 16) | (d[i + 3] << 24)) >>> 0;

const decoder = new TextDecoder();

/** The central directory: every entry (folders too), by name, in the package's order. */
export function readDirectory(data: Uint8Array): Map<string, ZipEntry> {
  // The end-of-central-directory record: 22 bytes plus a comment of up to 65,535.
  let eocd = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (u32(data, i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError("no zip directory at its end; truncated?");
  const count = u16(data, eocd + 10);
  const dirSize = u32(data, eocd + 12);
  const dirOffset = u32(data, eocd + 16);
  if (dirOffset === 0xffffffff || count === 0xffff)
    throw new ZipError("a zip64 package, larger than this reader handles");
  if (dirOffset + dirSize > data.length) throw new ZipError("zip directory cut off");
  const entries = new Map<string, ZipEntry>();
  let p = dirOffset;
  for (let n = 0; n < count; n++) {
    if (u32(data, p) !== 0x02014b50) throw new ZipError("a zip directory entry is broken");
    const nameLength = u16(data, p + 28);
    const extraLength = u16(data, p + 30);
    const commentLength = u16(data, p + 32);
    const name = decoder.decode(data.subarray(p + 46, p + 46 + nameLength));
    const entry: ZipEntry = {
      name,
      method: u16(data, p + 10),
      dosTime: u16(data, p + 12),
      dosDate: u16(data, p + 14),
      crc: u32(data, p + 16),
      compressedSize: u32(data, p + 20),
      size: u32(data, p + 24),
      offset: u32(data, p + 42),
    };
    if (
      entry.compressedSize === 0xffffffff ||
      entry.size === 0xffffffff ||
      entry.offset === 0xffffffff
    )
      throw new ZipError("a zip64 package, larger than this reader handles");
    // Folder entries (some writers add them) are carried over like parts.
    entries.set(name, entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The part's bytes as stored (compressed, for a deflated part). */
export function storedBytes(data: Uint8Array, e: ZipEntry): Uint8Array {
  if (u32(data, e.offset) !== 0x04034b50)
    throw new ZipError(`${e.name} is not where its directory says`);
  const start = e.offset + 30 + u16(data, e.offset + 26) + u16(data, e.offset + 28);
  if (start + e.compressedSize > data.length) throw new ZipError(`${e.name} is cut off`);
  return data.subarray(start, start + e.compressedSize);
}

function checkMethod(e: ZipEntry): void {
  if (e.method !== 0 && e.method !== 8)
    throw new ZipError(`${e.name} uses compression method ${e.method}, which Excel does not write`);
}

/** A part, inflated whole (the small ones: workbook, relationships, styles). */
export function partBytes(data: Uint8Array, e: ZipEntry, codec: Codec): Uint8Array {
  checkMethod(e);
  const stored = storedBytes(data, e);
  if (e.method === 0) return stored;
  let out: Uint8Array;
  try {
    out = codec.inflateSync(stored, e.size);
  } catch {
    throw new ZipError(`${e.name} does not inflate`);
  }
  // A flipped bit often still inflates, to the wrong length.
  if (out.length !== e.size) throw new ZipError(`${e.name} inflates to the wrong size`);
  return out;
}

export function partText(data: Uint8Array, e: ZipEntry, codec: Codec): string {
  return decoder.decode(partBytes(data, e, codec));
}

/** A part's bytes, in pieces, without holding it whole (the large sheets). */
export async function* partPieces(
  data: Uint8Array,
  e: ZipEntry,
  codec: Codec
): AsyncGenerator<Uint8Array> {
  checkMethod(e);
  const stored = storedBytes(data, e);
  if (e.method === 0) {
    for (let i = 0; i < stored.length; i += 1 << 20)
      yield stored.subarray(i, Math.min(stored.length, i + (1 << 20)));
    return;
  }
  let size = 0;
  const pieces = codec.inflate(stored)[Symbol.asyncIterator]();
  for (;;) {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await pieces.next();
    } catch {
      throw new ZipError(`${e.name} does not inflate`);
    }
    if (next.done) break;
    size += next.value.length;
    // What the reader does with the bytes throws its own errors, not the zip's.
    yield next.value;
  }
  if (size !== e.size) throw new ZipError(`${e.name} inflates to the wrong size`);
}

/** Text written into a part in pieces; `flush` lets the codec catch up. */
export interface TextSink {
  put(text: string): void;
  /** Bytes already UTF-8 (a part's own, carried through): written as they are. */
  putBytes(bytes: Uint8Array): void;
  flush(): Promise<void>;
}

/** A part of the new package: carried over as it was, new bytes, or text written in pieces. */
export type OutPart =
  | { name: string; copy: ZipEntry }
  | { name: string; bytes: Uint8Array }
  | { name: string; write: (sink: TextSink) => Promise<void> }
  /** Decided when its turn comes (after the parts before it were written). */
  | { name: string; later: () => { copy: ZipEntry } | { bytes: Uint8Array } };

const dosToDate = (date: number, time: number): Date =>
  new Date(
    ((date >> 9) & 0x7f) + 1980,
    ((date >> 5) & 0x0f) - 1,
    date & 0x1f,
    (time >> 11) & 0x1f,
    (time >> 5) & 0x3f,
    (time & 0x1f) * 2
  );

/** A part carried over compressed as it was: fflate writes its headers, the bytes are the old ones. */
class CarriedPart implements ZipInputFile {
  readonly compression: number;
  readonly size: number;
  readonly crc: number;
  readonly mtime: Date;
  ondata?: ZipInputFile["ondata"];
  constructor(
    readonly filename: string,
    entry: ZipEntry,
    private readonly stored: Uint8Array
  ) {
    this.compression = entry.method;
    this.size = entry.size;
    this.crc = entry.crc;
    this.mtime = dosToDate(entry.dosDate, entry.dosTime);
  }
  send(): void {
    this.ondata!(null, this.stored, true);
  }
}

/** Parts written in pieces above this size are compressed for speed. */
const LARGE = 1 << 22;

/** Writes a package, parts in the order given, handing its bytes to `sink` as they come. */
export async function writeZip(
  source: Uint8Array | undefined,
  parts: OutPart[],
  codec: Codec,
  sink: (chunk: Uint8Array) => void
): Promise<void> {
  let error: Error | undefined;
  const zip = new Zip((err, chunk) => {
    if (err) error = err;
    else sink(chunk);
  });
  const mtime = new Date();
  const encoder = new TextEncoder();
  for (const given of parts) {
    const part: OutPart = "later" in given ? { name: given.name, ...given.later() } : given;
    if ("later" in part) continue;
    if ("copy" in part) {
      const carried = new CarriedPart(part.name, part.copy, storedBytes(source!, part.copy));
      zip.add(carried);
      carried.send();
    } else if ("bytes" in part) {
      const entry = codec.entry(part.name, mtime, part.bytes.length > LARGE);
      zip.add(entry.file);
      await entry.write(part.bytes);
      await entry.end();
    } else {
      const entry = codec.entry(part.name, mtime, true);
      zip.add(entry.file);
      let pending: (string | Uint8Array)[] = [];
      let pendingLength = 0;
      const drain = async (): Promise<void> => {
        if (!pending.length) return;
        const pieces = pending;
        pending = [];
        pendingLength = 0;
        // Runs of text encoded together; bytes as they are, not copied into one.
        const chunks: Uint8Array[] = [];
        let texts: string[] = [];
        for (const p of pieces) {
          if (typeof p === "string") texts.push(p);
          else {
            if (texts.length) chunks.push(encoder.encode(texts.join("")));
            texts = [];
            chunks.push(p);
          }
        }
        if (texts.length) chunks.push(encoder.encode(texts.join("")));
        for (const chunk of chunks) await entry.write(chunk);
      };
      await part.write({
        put(text) {
          pending.push(text);
          pendingLength += text.length;
        },
        putBytes(bytes) {
          pending.push(bytes);
          pendingLength += bytes.length;
        },
        async flush() {
          if (pendingLength > 1 << 20) await drain();
        },
      });
      await drain();
      await entry.end();
    }
    if (error) throw error;
  }
  zip.end();
  if (error) throw error;
}

/** Joins chunks into one array. */
export function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
