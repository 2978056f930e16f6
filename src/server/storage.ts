import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';

/** Where uploaded bytes live. Local disk by default; an object store is another implementation. */
export interface Storage {
  put(prefix: string, bytes: Buffer, extension: string): Promise<{ key: string; sha256: string }>;
  get(key: string): Promise<Buffer | undefined>;
}

export class LocalDiskStorage implements Storage {
  constructor(private root: string) {}

  async put(prefix: string, bytes: Buffer, extension: string): Promise<{ key: string; sha256: string }> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const key = `${prefix.replace(/[^a-z0-9/_-]/gi, '')}/${randomUUID()}.${extension.replace(/[^a-z0-9]/gi, '')}`;
    const path = this.pathOf(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    return { key, sha256 };
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      return await readFile(this.pathOf(key));
    } catch {
      return undefined;
    }
  }

  private pathOf(key: string): string {
    const clean = normalize(key).replace(/^(\.\.[/\\])+/, '');
    return join(this.root, clean);
  }
}

/** In-memory storage for tests. */
export class MemoryStorage implements Storage {
  private files = new Map<string, Buffer>();
  async put(prefix: string, bytes: Buffer, extension: string): Promise<{ key: string; sha256: string }> {
    const key = `${prefix}/${randomUUID()}.${extension}`;
    this.files.set(key, bytes);
    return { key, sha256: createHash('sha256').update(bytes).digest('hex') };
  }
  async get(key: string): Promise<Buffer | undefined> {
    return this.files.get(key);
  }
}
