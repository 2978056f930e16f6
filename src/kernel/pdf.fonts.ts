import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/*
 * Which Chinese font PDFs embed, and why.
 *
 * First choice: the npm package @embedpdf/fonts-sc (OFL-1.1): Noto Sans S Chinese (Source Han
 * Sans) as plain OpenType files, Regular and Bold; ~30,700 code points, among them all 20,902
 * ideographs of the basic CJK block (every GBK hanzi, so rarer name characters such as 喆 堃 昇
 * too); no install script; 36 MB download. With it
 * `npm install && npm start` makes Chinese PDFs on a clean machine. Weighed against it:
 * @expo-google-fonts/noto-sans-sc (the same coverage as TTF, but nine weights, 96 MB), and
 * @fontsource/noto-sans-sc (WOFF2 split into ~100 unicode-range slices: one PDF font cannot be
 * made from them).
 * Fallback, for a slim install without the package: Debian's fonts-noto-cjk (the .ttc holds
 * every CJK region; the family name picks Simplified Chinese).
 */

/** A font file and, for a collection (.ttc), the PostScript name of the face to use. */
export interface FontFace {
  path: string;
  family?: string;
}

/** The faces a PDF's text is set in. */
export interface CjkFonts {
  regular: FontFace;
  bold: FontFace;
  /** Where they came from, for logs and errors. */
  source: string;
}

/** Where to look, overridable in tests. */
export interface FontSearch {
  /** The directory of the npm package's fonts, or null when the package is not installed. */
  packageFontsDir?: () => string | null;
  /** Debian's Noto CJK directory. */
  systemDir?: string;
}

/** The npm package that ships the Chinese font (named in the error when no font is found). */
export const fontPackage = '@embedpdf/fonts-sc';
const defaultSystemDir = '/usr/share/fonts/opentype/noto';

function packageFontsDir(): string | null {
  try {
    // The package exports only its JS index; the fonts sit beside it in ../fonts.
    return join(dirname(createRequire(import.meta.url).resolve(fontPackage)), '..', 'fonts');
  } catch {
    return null;
  }
}

/** Finds the Chinese font faces, or throws an error that names what to install. */
export function locateCjkFonts(search: FontSearch = {}): CjkFonts {
  const dir = (search.packageFontsDir ?? packageFontsDir)();
  if (dir) {
    const regular = join(dir, 'NotoSansHans-Regular.otf');
    const bold = join(dir, 'NotoSansHans-Bold.otf');
    if (existsSync(regular)) return { regular: { path: regular }, bold: { path: existsSync(bold) ? bold : regular }, source: fontPackage };
  }
  const systemDir = search.systemDir ?? defaultSystemDir;
  const regular = join(systemDir, 'NotoSansCJK-Regular.ttc');
  const bold = join(systemDir, 'NotoSansCJK-Bold.ttc');
  if (existsSync(regular)) {
    return {
      regular: { path: regular, family: 'NotoSansCJKsc-Regular' },
      bold: existsSync(bold) ? { path: bold, family: 'NotoSansCJKsc-Bold' } : { path: regular, family: 'NotoSansCJKsc-Regular' },
      source: 'fonts-noto-cjk',
    };
  }
  throw new Error(`No Chinese font for PDFs: install the npm package ${fontPackage} (npm install ${fontPackage}), or Debian's fonts-noto-cjk (${regular})`);
}

// A font file is read once per process: documents are made in batches (receipts, certificates).
const fileCache = new Map<string, Buffer>();

/** The bytes of a font file, read once. */
export function fontBytes(face: FontFace): Buffer {
  let bytes = fileCache.get(face.path);
  if (!bytes) {
    bytes = readFileSync(face.path);
    fileCache.set(face.path, bytes);
  }
  return bytes;
}
