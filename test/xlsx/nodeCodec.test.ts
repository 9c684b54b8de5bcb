/**
 * The CLI's codec deflates a large part in blocks side by side: the blocks must join into
 * one deflate stream any inflater reads back byte for byte, with the part's CRC and size.
 */
import * as zlib from "zlib";
import { inflateSync } from "fflate";
import { NODE_CODEC } from "../../src/hosts/xlsx/nodeCodec";

/** Text that repeats at distances across block boundaries, as rows of a sheet do. */
function sheetLike(size: number): Buffer {
  const out = Buffer.alloc(size);
  for (let i = 0, r = 0; i < size; r++) {
    const row = `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>BSO-${200000 + (r % 977)}</t></is></c><c r="B${r}"><v>${(r * 7919) % 100003}</v></c></row>`;
    i += out.write(row, i);
  }
  return out;
}

async function deflated(
  data: Buffer,
  piece: number,
  large: boolean
): Promise<{ bytes: Buffer; crc: number; size: number; finals: number }> {
  const entry = NODE_CODEC.entry("xl/worksheets/sheet1.xml", new Date(), large);
  const chunks: Buffer[] = [];
  let finals = 0;
  entry.file.ondata = (err, chunk, final) => {
    if (err) throw err;
    chunks.push(Buffer.from(chunk));
    if (final) finals++;
  };
  for (let i = 0; i < data.length; i += piece)
    await entry.write(data.subarray(i, Math.min(data.length, i + piece)));
  await entry.end();
  const file = entry.file as unknown as { crc: number; size: number };
  return { bytes: Buffer.concat(chunks), crc: file.crc, size: file.size, finals };
}

describe("the native codec's deflate in blocks", () => {
  test.each([
    ["empty", 0, 1000],
    ["small", 5_000, 1_000],
    ["exactly a block", 256 * 1024, 256 * 1024],
    ["many blocks, written in odd pieces", 3_000_001, 77_777],
    ["many blocks, written in 1 MB pieces", 5 * 1024 * 1024 + 3, 1 << 20],
  ])("%s: one stream, read back by zlib and by fflate", async (_, size, piece) => {
    const data = sheetLike(size);
    for (const large of [true, false]) {
      const out = await deflated(data, piece, large);
      expect(out.finals).toBe(1);
      expect(out.size).toBe(size);
      expect(out.crc).toBe(zlib.crc32(data));
      expect(zlib.inflateRawSync(out.bytes).equals(data)).toBe(true);
      expect(Buffer.from(inflateSync(out.bytes)).equals(data)).toBe(true);
    }
  });

  test("compresses as well as one stream: each block starts from the text before it", async () => {
    // 20 KB that do not compress, over and over: only looking back across blocks finds them.
    const pattern = Buffer.alloc(20_000);
    for (let i = 0, x = 12345; i < pattern.length; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      pattern[i] = x >>> 24;
    }
    const data = Buffer.concat(Array.from({ length: 200 }, () => pattern));
    const blocks = await deflated(data, 100_000, true);
    const whole = zlib.deflateRawSync(data, { level: 1 });
    expect(zlib.inflateRawSync(blocks.bytes).equals(data)).toBe(true);
    expect(blocks.bytes.length).toBeLessThan(whole.length * 1.5);
  });
});
