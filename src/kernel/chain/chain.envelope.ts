import type { FastifyReply } from 'fastify';
import { bulkhead } from '../../server/bulkhead.js';
import { sendRenderedJson } from '../../server/serializer.js';
import { assertJson, ZERO_HASH, type Json, type JsonObject, type VerifiableEntry } from './chain.hash.js';

/** The value of an export's "format" field; a change to the rules gets a new one. */
export const CHAIN_FORMAT = 'gongzhi-chain/1';

/** The public export of one chain (docs/VERIFY.md); key order is part of the format. */
export interface ChainEnvelope {
  format: typeof CHAIN_FORMAT;
  kind: string;
  id: number | string;
  title: string;
  generatedAt: string;
  entries: VerifiableEntry[];
  head: string;
  summary: JsonObject;
}

export interface ChainEnvelopeInput {
  /** The chain's kind, which picks the verifier's summary rule ('vote', 'ledger', …). */
  kind: string;
  /** The subject's id (the vote's, the ledger's). */
  id: number | string;
  /** Human title, shown to whoever checks the file. */
  title: string;
  generatedAt: Date | string;
  /** The chain's entries in seq order (readChain's rows will do: extra fields are dropped). */
  entries: readonly VerifiableEntry[];
  /** The stored head hash; defaults to the last entry's hash (64 zeros when empty). */
  head?: string;
  /** Totals the kind's summary rule checks against the entries. */
  summary: JsonObject;
}

/** Builds the export envelope. Entry data is laid out in canonical key order, for readers. */
export function chainEnvelope(input: ChainEnvelopeInput): ChainEnvelope {
  assertJson(input.summary, 'summary');
  const generatedAt = typeof input.generatedAt === 'string' ? input.generatedAt : input.generatedAt.toISOString();
  return {
    format: CHAIN_FORMAT,
    kind: input.kind,
    id: input.id,
    title: input.title,
    generatedAt,
    entries: input.entries.map((e) => ({ seq: e.seq, prevHash: e.prevHash, hash: e.hash, data: sortedKeys(e.data) })),
    head: input.head ?? input.entries.at(-1)?.hash ?? ZERO_HASH,
    summary: input.summary,
  };
}

function sortedKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: JsonObject = {};
  for (const key of Object.keys(value).sort()) out[key] = sortedKeys(value[key]!);
  return out;
}

/**
 * Sends a chain export as a download (`<prefix>-<id>.json`), built and serialised at most four at
 * a time per process. An export holds the whole chain in memory (a 1,960-owner vote: roster and
 * ballots) until it is serialised; 64 at once were the bench's largest server RSS among the reads.
 * The work is CPU-bound, so more at once buys no throughput.
 */
export async function sendChainExport(reply: FastifyReply, prefix: string, build: () => Promise<ChainEnvelope>): Promise<FastifyReply> {
  const { id, text } = await exporting(async () => {
    const envelope = await build();
    return { id: envelope.id, text: JSON.stringify(envelope) };
  });
  return sendRenderedJson(reply.header('content-disposition', `attachment; filename="${prefix}-${id}.json"`), text);
}
const exporting = bulkhead(4);
