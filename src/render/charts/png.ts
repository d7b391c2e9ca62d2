// RGBA pixels → an opaque RGB PNG. resvg writes RGBA; pdfkit must decode every
// pixel of a PNG with an alpha channel (slow, on the event loop) but embeds an
// RGB PNG's compressed data as it is. Charts have a white background, so the
// alpha channel carries nothing. Compression runs on libuv's thread pool.

import { promisify } from "node:util";
import { crc32, deflate } from "node:zlib";

const deflateAsync = promisify(deflate);

function chunk(type: string, body: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + body.length);
  out.writeUInt32BE(body.length, 0);
  out.write(type, 4, "latin1");
  out.set(body, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)) >>> 0, 8 + body.length);
  return out;
}

/** `rgba`: width × height × 4 bytes, not premultiplied; composited over white. */
export async function encodeOpaquePng(rgba: Uint8Array, width: number, height: number): Promise<Buffer> {
  if (rgba.length !== width * height * 4) throw new RangeError("pixel buffer does not match the size");
  const stride = width * 3;
  const raw = Buffer.alloc(height * (stride + 1));
  for (let y = 0; y < height; y++) {
    const row = y * (stride + 1);
    raw[row] = 1; // filter "Sub": flat colours become runs of zeros
    let left0 = 0;
    let left1 = 0;
    let left2 = 0;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const a = rgba[i + 3]!;
      const r = a === 255 ? rgba[i]! : Math.round((rgba[i]! * a + 255 * (255 - a)) / 255);
      const g = a === 255 ? rgba[i + 1]! : Math.round((rgba[i + 1]! * a + 255 * (255 - a)) / 255);
      const b = a === 255 ? rgba[i + 2]! : Math.round((rgba[i + 2]! * a + 255 * (255 - a)) / 255);
      const o = row + 1 + x * 3;
      raw[o] = (r - left0) & 0xff;
      raw[o + 1] = (g - left1) & 0xff;
      raw[o + 2] = (b - left2) & 0xff;
      left0 = r;
      left1 = g;
      left2 = b;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 2; // colour type: RGB
  const data = await deflateAsync(raw, { level: 6 });
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", data), chunk("IEND", new Uint8Array(0))]);
}
