import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as script from '../../../scripts/verify-export.mjs';
import { canonicalJson, chainHash, verifyEntries, ZERO_HASH } from './chain.hash.js';

// docs/VERIFY.md is what outsiders write their verifiers from: its examples must be true.
const doc = readFileSync(fileURLToPath(new URL('../../../docs/VERIFY.md', import.meta.url)), 'utf8');
const verifier = fileURLToPath(new URL('../../../scripts/verify-export.mjs', import.meta.url));

function exampleEnvelope(): string {
  const match = /<!-- example-envelope[^>]*-->\s*```json\n([\s\S]*?)\n```/.exec(doc);
  expect(match, 'the example envelope block').not.toBeNull();
  return match![1]!;
}

describe('docs/VERIFY.md', () => {
  it('its worked example is what the code computes', () => {
    const first = { title: '1号楼加装电梯', event: 'opened' };
    const second = { event: 'paid', by: '张三', amount: 1250.5 };
    const h1 = chainHash(ZERO_HASH, first);
    const h2 = chainHash(h1, second);
    for (const text of [canonicalJson(first), canonicalJson(second), `${ZERO_HASH}${canonicalJson(first)}`, `${h1}${canonicalJson(second)}`, h1, h2]) {
      expect(doc).toContain(text);
    }
    const envelope = JSON.parse(exampleEnvelope()) as { entries: unknown[]; head: string };
    expect(envelope.head).toBe(h2);
    expect(verifyEntries(envelope.entries, envelope.head)).toEqual({ ok: true });
    expect(doc).toContain(`\`OK test 1: 2 entries, head ${h2}\``);
  });

  it('its example export passes the script', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gz-verify-doc-'));
    try {
      const file = join(dir, 'example.json');
      writeFileSync(file, exampleEnvelope());
      const run = spawnSync(process.execPath, [verifier, file], { encoding: 'utf8' });
      expect({ status: run.status, stdout: run.stdout.trim() }).toEqual({ status: 0, stdout: `OK test 1: 2 entries, head ${chainHash(chainHash(ZERO_HASH, { event: 'opened', title: '1号楼加装电梯' }), { amount: 1250.5, by: '张三', event: 'paid' })}` });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('its canonical JSON examples hold', () => {
    const rows = [...doc.matchAll(/^ {3}\| (`[^|]+`) \| `([^`]+)` \|$/gm)];
    expect(rows.length).toBeGreaterThanOrEqual(12);
    for (const [, inputs, canonical] of rows) {
      for (const [, input] of inputs!.matchAll(/`([^`]+)`/g)) {
        expect(canonicalJson(JSON.parse(input!)), input).toBe(canonical);
        expect(script.canonicalJson(JSON.parse(input!)), input).toBe(canonical);
      }
    }
    const arrows = [...doc.matchAll(/`(\{[^`]*\}|"[^`]*")`\s+(?:→|becomes|stays|is)\s+`([^`]+)`/g)];
    expect(arrows.length).toBeGreaterThanOrEqual(8);
    for (const [, input, canonical] of arrows) expect(canonicalJson(JSON.parse(input!)), input).toBe(canonical);
  });

  it('has a heading for every kind the script knows and every kind to come', () => {
    for (const kind of [...Object.keys(script.summaryRules), 'vote', 'ledger', 'disclosure']) expect(doc).toContain(`### \`${kind}\``);
  });
});
