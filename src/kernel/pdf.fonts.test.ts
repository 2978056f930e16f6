import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fontPackage, locateCjkFonts } from './pdf.fonts.js';

const systemDir = '/usr/share/fonts/opentype/noto';
const emptyDir = () => mkdtempSync(join(tmpdir(), 'gz-fonts-'));

describe('locateCjkFonts', () => {
  it('takes Regular and Bold from the npm package when it is installed', () => {
    const fonts = locateCjkFonts();
    expect(fonts.source).toBe(fontPackage);
    expect(fonts.regular.path).toMatch(/NotoSansHans-Regular\.otf$/);
    expect(fonts.bold.path).toMatch(/NotoSansHans-Bold\.otf$/);
    expect(existsSync(fonts.regular.path) && existsSync(fonts.bold.path)).toBe(true);
  });

  it.skipIf(!existsSync(join(systemDir, 'NotoSansCJK-Regular.ttc')))("falls back to Debian's Noto CJK collection, Simplified Chinese face", () => {
    const fonts = locateCjkFonts({ packageFontsDir: () => null, systemDir });
    expect(fonts).toMatchObject({ source: 'fonts-noto-cjk', regular: { path: join(systemDir, 'NotoSansCJK-Regular.ttc'), family: 'NotoSansCJKsc-Regular' } });
  });

  it('names the package to install when no font is found', () => {
    expect(() => locateCjkFonts({ packageFontsDir: () => null, systemDir: emptyDir() })).toThrow(`install the npm package ${fontPackage}`);
    expect(() => locateCjkFonts({ packageFontsDir: emptyDir, systemDir: emptyDir() })).toThrow(/fonts-noto-cjk/);
  });
});
