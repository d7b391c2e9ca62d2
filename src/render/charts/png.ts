// RGBA pixels → an opaque RGB PNG. resvg writes RGBA; pdfkit must decode every
// pixel of a PNG with an alpha channel (slow, on the event loop) but embeds an
// RGB PNG's compressed data as it is. Charts have a white background, so the
// alpha channel carries nothing. Compression runs on libuv's thread pool.
//
// resvg's pixels over a white background are all opaque: the common case packs
// four RGBA pixels into three RGB words at a time (a few milliseconds for a
// 1600 × 2660 chart instead of a loop over every byte) and notices on the way
// if any pixel is not opaque, in which case the image is composited over white
// pixel by pixel. Rows are unfiltered and deflated at level 3: on charts' flat
// colours that is several times faster than filtering and level 6, for PNGs a
// little larger (still a few hundred KB).

import { endianness } from "node:os";
import { promisify } from "node:util";
import { crc32, deflate } from "node:zlib";

const deflateAsync = promisify(deflate);
const LITTLE_ENDIAN = endianness() === "LE";

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, "latin1");
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)) >>> 0, 8 + body.length);
  return out;
}

/**
 * Opaque pixels → PNG scanlines (filter byte 0, then RGB), or null as soon as
 * the image turns out not to be opaque. Needs little-endian words and a
 * 4-aligned buffer.
 */
function opaqueScanlines(rgba: Uint8Array, width: number, height: number): Buffer | null {
  const pixels = new Uint32Array(rgba.buffer, rgba.byteOffset, width * height);
  const rowBytes = width * 3;
  const stride = rowBytes + 1;
  const line = new Uint32Array(Math.ceil(rowBytes / 4) + 1);
  const lineBytes = new Uint8Array(line.buffer, 0, rowBytes);
  const raw = Buffer.allocUnsafe(height * stride);
  let p = 0;
  for (let y = 0; y < height; y++) {
    // Every pixel's alpha byte ANDed: 0xff only if the row is opaque.
    let alpha = 0xff000000;
    let o = 0;
    let x = 0;
    for (; x + 4 <= width; x += 4, p += 4) {
      const a = pixels[p]!;
      const b = pixels[p + 1]!;
      const c = pixels[p + 2]!;
      const d = pixels[p + 3]!;
      alpha &= a & b & c & d;
      line[o++] = (a & 0xffffff) | (b << 24);
      line[o++] = ((b >>> 8) & 0xffff) | (c << 16);
      line[o++] = ((c >>> 16) & 0xff) | (d << 8);
    }
    let ob = o * 4;
    for (; x < width; x++, p++) {
      const v = pixels[p]!;
      alpha &= v;
      lineBytes[ob++] = v & 0xff;
      lineBytes[ob++] = (v >>> 8) & 0xff;
      lineBytes[ob++] = (v >>> 16) & 0xff;
    }
    if (alpha >>> 24 !== 0xff) return null;
    const row = y * stride;
    raw[row] = 0; // filter "None"
    raw.set(lineBytes, row + 1);
  }
  return raw;
}

/** Any pixels → scanlines composited over white (filter byte 0, then RGB). */
function compositedScanlines(rgba: Uint8Array, width: number, height: number): Buffer {
  const stride = width * 3 + 1;
  const raw = Buffer.allocUnsafe(height * stride);
  let i = 0;
  for (let y = 0; y < height; y++) {
    let o = y * stride;
    raw[o++] = 0;
    for (let x = 0; x < width; x++, i += 4, o += 3) {
      const a = rgba[i + 3]!;
      for (let c = 0; c < 3; c++) raw[o + c] = a === 255 ? rgba[i + c]! : Math.round((rgba[i + c]! * a + 255 * (255 - a)) / 255);
    }
  }
  return raw;
}

/** `rgba`: width × height × 4 bytes, not premultiplied; composited over white. */
export async function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Promise<Buffer> {
  if (rgba.length !== width * height * 4) throw new RangeError("pixel buffer does not match the size");
  const fast = LITTLE_ENDIAN && rgba.byteOffset % 4 === 0 ? opaqueScanlines(rgba, width, height) : null;
  const raw = fast ?? compositedScanlines(rgba, width, height);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type: RGB
  const data = await deflateAsync(raw, { level: 3 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", data), chunk("IEND", new Uint8Array(0))]);
}
