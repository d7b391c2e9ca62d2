// Several files in one zip (fflate; compresses on worker threads). fflate is imported on the
// first zip, not when the bot starts: most processes never make one.

let fflate: Promise<typeof import("fflate")> | undefined;

export interface ZipEntry {
  /** Path inside the archive; UTF-8 (Chinese names are fine). */
  readonly name: string;
  readonly data: Uint8Array | string;
}

export interface ZipOptions {
  /** Modification time written for every entry (default: the time the zip is made). */
  readonly modified?: Date;
}

export function zip(files: readonly ZipEntry[], options: ZipOptions = {}): Promise<Buffer> {
  const seen = new Set<string>();
  const content: Record<string, Uint8Array> = {};
  for (const f of files) {
    if (!f.name || f.name.startsWith("/") || f.name.split("/").includes("..")) throw new RangeError(`bad file name in zip: ${f.name}`);
    if (seen.has(f.name)) throw new RangeError(`duplicate file name in zip: ${f.name}`);
    seen.add(f.name);
    content[f.name] = typeof f.data === "string" ? new TextEncoder().encode(f.data) : f.data;
  }
  return (fflate ??= import("fflate")).then(({ zip: fflateZip }) => new Promise<Buffer>((resolve, reject) => {
    fflateZip(content, { level: 6, ...(options.modified ? { mtime: options.modified } : {}) }, (error, data) => {
      if (error) reject(error);
      else resolve(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    });
  }));
}
