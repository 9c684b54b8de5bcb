/**
 * Node's native zlib as the package layer's codec: five times fflate's speed both ways,
 * and run on libuv's threads: inflating while the sheet already read is parsed, and
 * deflating a large part in blocks side by side.
 */
import { promisify } from "util";
import * as zlib from "zlib";
import { ZipInputFile } from "fflate";
import { Codec, concat, EntryWriter } from "./package/zip";

const CHUNK = 1 << 20;
/**
 * Input gathered into a block until it holds this much: a large write (a run of rows
 * carried over, about 1 MB) is a block of its own, never copied into another.
 */
const BLOCK = 256 * 1024;
/** Blocks deflating at once: libuv runs them on its threads, one per core here. */
const IN_FLIGHT = 4;
/** Deflate looks back at most this far: each block starts with the last one's tail. */
const WINDOW = 32 * 1024;

const deflateRaw = promisify(zlib.deflateRaw) as (
  input: Uint8Array,
  options: zlib.ZlibOptions
) => Promise<Buffer>;

/**
 * A deflated entry, as pigz makes one: the input is cut into blocks deflated in parallel,
 * each but the last ended by a sync flush (so it ends on a byte and the next one's bytes
 * follow on) and primed with the 32 KB before it (so it compresses as one stream would).
 * CRC and size are counted on the way.
 */
class NativeEntry implements ZipInputFile, EntryWriter {
  readonly compression = 8;
  crc = 0;
  size = 0;
  ondata?: ZipInputFile["ondata"];
  private pending: Uint8Array[] = [];
  private pendingLength = 0;
  private window: Uint8Array | undefined;
  /** Blocks deflating, in order. */
  private readonly deflating: Promise<Buffer>[] = [];

  constructor(
    readonly filename: string,
    readonly mtime: Date,
    private readonly level: number
  ) {}

  get file(): ZipInputFile {
    return this;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!bytes.length) return;
    this.crc = zlib.crc32(bytes, this.crc);
    this.size += bytes.length;
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
    if (this.pendingLength >= BLOCK) await this.deflateBlock(false);
  }

  async end(): Promise<void> {
    await this.deflateBlock(true);
    while (this.deflating.length) this.ondata!(null, await this.deflating.shift()!, false);
    this.ondata!(null, new Uint8Array(0), true);
  }

  private async deflateBlock(last: boolean): Promise<void> {
    const input = this.pending.length === 1 ? this.pending[0] : concat(this.pending);
    this.pending = [];
    this.pendingLength = 0;
    const options: zlib.ZlibOptions = {
      level: this.level,
      finishFlush: last ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    };
    if (this.window) options.dictionary = this.window;
    this.window = input.subarray(Math.max(0, input.length - WINDOW));
    this.deflating.push(deflateRaw(input, options));
    // Hand on finished blocks in order; wait only when enough are under way.
    while (this.deflating.length >= IN_FLIGHT)
      this.ondata!(null, await this.deflating.shift()!, false);
  }
}

export const NODE_CODEC: Codec = {
  inflateSync: (stored) => zlib.inflateRawSync(stored),
  inflate(stored) {
    const inflate = zlib.createInflateRaw({ chunkSize: CHUNK });
    inflate.end(stored);
    // Iterated, the stream inflates the next piece while the caller parses this one.
    return inflate;
  },
  entry: (name, mtime, large) => new NativeEntry(name, mtime, large ? 1 : 6),
};
