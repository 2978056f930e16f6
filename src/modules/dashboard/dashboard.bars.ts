import { deflateSync } from 'node:zlib';

/*
 * Simple vector-like bar charts for the monthly report, drawn as a PNG of plain rectangles (the
 * PDF kit embeds PNGs; no chart renderer runs on the server). Labels and values are printed as a
 * table next to the picture, so the picture carries no text.
 */

const crcTable = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const hex = (c: string): [number, number, number] => [parseInt(c.slice(1, 3), 16), parseInt(c.slice(3, 5), 16), parseInt(c.slice(5, 7), 16)];

/** Vertical bars (one per value, null = a grey stub), as PNG bytes. */
export function barChartPng(values: readonly (number | null)[], opts: { width?: number; height?: number; colour?: string; max?: number } = {}): Buffer {
  const width = opts.width ?? 960;
  const height = opts.height ?? 240;
  const [r, g, b] = hex(opts.colour ?? '#c8161d');
  const max = opts.max ?? Math.max(1, ...values.map((v) => v ?? 0));
  const pixels = Buffer.alloc((width * 3 + 1) * height, 255);
  const set = (x: number, y: number, c: [number, number, number]) => { const i = y * (width * 3 + 1) + 1 + x * 3; pixels[i] = c[0]; pixels[i + 1] = c[1]; pixels[i + 2] = c[2]; };
  for (let y = 0; y < height; y++) pixels[y * (width * 3 + 1)] = 0;
  const n = Math.max(1, values.length);
  const slot = width / n;
  const barWidth = Math.max(2, Math.min(64, Math.floor(slot * 0.6)));
  // Base line and quarter grid lines.
  for (const frac of [0, 0.25, 0.5, 0.75, 1]) {
    const y = Math.min(height - 1, Math.round((height - 1) * (1 - frac)));
    for (let x = 0; x < width; x++) set(x, y, frac === 0 ? [140, 140, 140] : [235, 235, 235]);
  }
  values.forEach((v, i) => {
    const x0 = Math.round(i * slot + (slot - barWidth) / 2);
    const h = v === null ? 3 : Math.max(v > 0 ? 2 : 0, Math.round((height - 2) * Math.min(1, v / max)));
    const colour: [number, number, number] = v === null ? [200, 200, 200] : [r, g, b];
    for (let y = height - 1 - h; y < height - 1; y++) for (let x = x0; x < x0 + barWidth && x < width; x++) set(x, y, colour);
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(pixels)), chunk('IEND', Buffer.alloc(0))]);
}
