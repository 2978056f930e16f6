// Types for the tests that import the standalone verifier (scripts/verify-export.mjs).
export type VerifyResult = { ok: true } | { ok: false; seq: number; reason: string };
export declare const FORMAT: 'gongzhi-chain/1';
export declare const ZERO_HASH: string;
/** The summary rules by kind: (entries, summary) => problems. */
export declare const summaryRules: Record<string, (entries: unknown[], summary: Record<string, unknown>) => string[]>;
/** RFC 8785 canonical JSON; throws on what JSON cannot carry. */
export declare function canonicalJson(value: unknown): string;
export declare function chainHash(prevHash: string, data: unknown): string;
export declare function verifyEntries(entries: readonly unknown[], expectedHead?: unknown): VerifyResult;
export declare function verifyEnvelope(envelope: unknown, options?: { publishedHead?: string }): { ok: boolean; line: string; warnings: string[] };
