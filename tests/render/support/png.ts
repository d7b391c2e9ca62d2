// A minimal PNG reader for tests: 8-bit RGB/RGBA, not interlaced (what resvg writes).
import { inflateSync } from "node:zlib";

export interface Pixels {
  readonly width: number;
  readonly height: number;
  /** RGBA, 4 bytes per pixel */
  readonly data: Uint8Array;
}

export function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export function decodePng(png: Uint8Array): Pixels {
  const signature = [137, 80, 78, 71, 13, 10, 26, 10];
  signature.forEach((b, i) => {
    if (png[i] !== b) throw new Error("not a PNG");
  });
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...png.subarray(at + 4, at + 8));
    const body = png.subarray(at + 8, at + 8 + length);
    if (type === "IHDR") {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      const depth = body[8];
      const colour = body[9];
      if (depth !== 8 || body[12] !== 0) throw new Error("only 8-bit non-interlaced PNGs");
      channels = colour === 6 ? 4 : colour === 2 ? 3 : colour === 0 ? 1 : colour === 4 ? 2 : 0;
      if (channels === 0) throw new Error(`colour type ${colour} not supported`);
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const out = new Uint8Array(width * height * channels);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? out[y * stride + x - channels]! : 0;
      const b = y > 0 ? out[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? out[(y - 1) * stride + x - channels]! : 0;
      let v = line[x]!;
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[y * stride + x] = v & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const g = out[i * channels]!;
    rgba[i * 4] = g;
    rgba[i * 4 + 1] = channels >= 3 ? out[i * channels + 1]! : g;
    rgba[i * 4 + 2] = channels >= 3 ? out[i * channels + 2]! : g;
    rgba[i * 4 + 3] = channels === 4 ? out[i * channels + 3]! : channels === 2 ? out[i * channels + 1]! : 255;
  }
  return { width, height, data: rgba };
}

/** Pixels in a rectangle that are clearly darker than the white background. */
export function darkPixels(p: Pixels, box: { x: number; y: number; width: number; height: number }): number {
  let n = 0;
  for (let y = box.y; y < Math.min(p.height, box.y + box.height); y++) {
    for (let x = box.x; x < Math.min(p.width, box.x + box.width); x++) {
      const i = (y * p.width + x) * 4;
      if (p.data[i]! + p.data[i + 1]! + p.data[i + 2]! < 3 * 160) n++;
    }
  }
  return n;
}

/** Distinct colours (quantised) in the image: a blank image has one. */
export function colourCount(p: Pixels): number {
  const seen = new Set<number>();
  for (let i = 0; i < p.data.length; i += 4 * 7) seen.add(((p.data[i]! >> 4) << 8) | ((p.data[i + 1]! >> 4) << 4) | (p.data[i + 2]! >> 4));
  return seen.size;
}

/** Bytes that differ between two same-sized images within a rectangle. */
export function differingPixels(a: Pixels, b: Pixels, box: { x: number; y: number; width: number; height: number }): number {
  let n = 0;
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const i = (y * a.width + x) * 4;
      if (Math.abs(a.data[i]! - b.data[i]!) + Math.abs(a.data[i + 1]! - b.data[i + 1]!) + Math.abs(a.data[i + 2]! - b.data[i + 2]!) > 60) n++;
    }
  }
  return n;
}
