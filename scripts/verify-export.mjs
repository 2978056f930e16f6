#!/usr/bin/env node
// Verifies a Gongzhi hash-chain export (format "gongzhi-chain/1", see docs/VERIFY.md).
//
//   node scripts/verify-export.mjs FILE [--head HASH]
//
// FILE is the exported JSON; --head is the head hash published elsewhere (a notice board, a
// minutes page), which also catches a file whose every hash was recomputed after a change.
// Prints "OK <kind> <id>: <n> entries, head <hash>" and exits 0, or "FAIL …" naming the first
// bad entry and exits 1; bad usage, an unreadable file or text that is not JSON exit 2.
//
// Built-ins only and no import from the platform's code, so anyone can read and run this one
// file with Node.js 20 or later.
import { createHash } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const FORMAT = 'gongzhi-chain/1';
export const ZERO_HASH = '0'.repeat(64);
const HASH_PATTERN = /^[0-9a-f]{64}$/;
// With the u flag a surrogate pair is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Summary rules, one per kind: (entries, summary) => problems, a list of sentences (empty when
 * the summary agrees with the entries). They run only on a chain whose hashes verified.
 *
 * EXTENSION POINT: a module that exports a new kind of chain adds its rule here, and documents
 * it under its kind's heading in docs/VERIFY.md.
 */
export const summaryRules = {
  // The kernel's own tests: summary = { "entries": <number of entries> }.
  test: (entries, summary) =>
    summary.entries === entries.length ? [] : [`summary.entries is ${show(summary.entries)}, but the chain has ${entries.length} entries`],
  // vote: the owners' vote (Civil Code art. 278) — recounts the tally from the electorate and the ballots.
  vote: (entries, summary) => voteSummaryProblems(entries, summary),
  ledger: ledgerRule,
  disclosure: disclosureRule,
};

// ---- kind "vote" (docs/VERIFY.md, "vote") ---------------------------------------------------
// The chain of an owners' vote: one electorate entry, one entry per matter, one per ballot and,
// once closed, one result. The tally is recomputed here in integers (BigInt): participation
// needs >= 2/3 of the area and >= 2/3 of the heads; an ordinary matter passes with > 1/2 of the
// participating area and heads agreeing, a special one with >= 3/4 of both.
const isCount = (n) => Number.isSafeInteger(n) && n >= 0;
const ge = (a, b, n, d) => BigInt(a) * BigInt(d) >= BigInt(n) * BigInt(b);
const gt = (a, b, n, d) => BigInt(a) * BigInt(d) > BigInt(n) * BigInt(b);
const TALLY_FIELDS = ['participationAreaHundredths', 'participationHeads', 'agreeAreaHundredths', 'agreeHeads', 'quorum', 'passed'];

function voteSummaryProblems(entries, summary) {
  const problems = [];
  const data = entries.map((e) => e.data);
  if (data.length === 0) {
    if (summary.state !== 'draft' || summary.ballots !== 0) problems.push('an empty chain is a draft vote: summary.state must be "draft" and summary.ballots 0');
    return problems;
  }
  const el = data[0];
  if (!el || el.type !== 'electorate') return ['entry 1 is not the electorate'];
  if (!Array.isArray(el.voters)) return ['the electorate has no voters array'];
  const voters = new Map();
  let area = 0n;
  let heads = 0n;
  for (const [i, v] of el.voters.entries()) {
    if (!v || typeof v.voterKey !== 'string' || !isCount(v.heads) || !isCount(v.areaHundredths)) return [`electorate voter ${i + 1} lacks a voterKey or has a bad heads/areaHundredths`];
    if (voters.has(v.voterKey)) return [`voter ${v.voterKey} is in the electorate twice`];
    voters.set(v.voterKey, v);
    area += BigInt(v.areaHundredths);
    heads += BigInt(v.heads);
  }
  if (BigInt(el.totalAreaHundredths) !== area) problems.push(`electorate totalAreaHundredths is ${show(el.totalAreaHundredths)}, but its voters hold ${area}`);
  if (BigInt(el.totalHeads) !== heads) problems.push(`electorate totalHeads is ${show(el.totalHeads)}, but its voters are ${heads} heads`);
  let i = 1;
  const matters = new Map();
  for (; i < data.length && data[i]?.type === 'matter'; i++) {
    const m = data[i];
    if (m.class !== 'ordinary' && m.class !== 'special') return [`entry ${i + 1}: matter class ${show(m.class)} is neither "ordinary" nor "special"`];
    if (matters.has(String(m.matterId))) return [`entry ${i + 1}: matter ${show(m.matterId)} appears twice`];
    matters.set(String(m.matterId), m);
  }
  if (matters.size === 0) return ['the vote has no matter entries after the electorate'];
  const cast = new Set();
  const receipts = new Set();
  let partArea = 0n;
  let partHeads = 0n;
  const agree = new Map([...matters.keys()].map((k) => [k, { area: 0n, heads: 0n }]));
  for (; i < data.length && data[i]?.type === 'ballot'; i++) {
    const b = data[i];
    const where = `entry ${i + 1} (ballot)`;
    const voter = voters.get(b.voterKey);
    if (!voter) return [`${where}: voter ${show(b.voterKey)} is not in the electorate`];
    if (cast.has(b.voterKey)) return [`${where}: a second ballot of voter ${b.voterKey}`];
    if (typeof b.receipt !== 'string' || receipts.has(b.receipt)) return [`${where}: missing or repeated receipt`];
    if (b.enteredBy !== 'owner' && b.enteredBy !== 'committee') return [`${where}: enteredBy must be "owner" or "committee"`];
    const answers = b.answers ?? {};
    const keys = Object.keys(answers);
    if (keys.length !== matters.size || keys.some((k) => !matters.has(k))) return [`${where}: the answers do not cover exactly the vote's matters`];
    for (const k of keys) if (!['agree', 'oppose', 'abstain'].includes(answers[k])) return [`${where}: answer ${show(answers[k])} to matter ${k}`];
    cast.add(b.voterKey);
    receipts.add(b.receipt);
    partArea += BigInt(voter.areaHundredths);
    partHeads += BigInt(voter.heads);
    for (const k of keys) if (answers[k] === 'agree') {
      const a = agree.get(k);
      a.area += BigInt(voter.areaHundredths);
      a.heads += BigInt(voter.heads);
    }
  }
  let result = null;
  if (i < data.length) {
    if (data[i]?.type !== 'result') return [`entry ${i + 1}: a ${show(data[i]?.type)} entry where a ballot or the result was expected`];
    if (i !== data.length - 1) return [`entry ${i + 2}: an entry after the result`];
    result = data[i];
  }
  if (summary.ballots !== cast.size) problems.push(`summary.ballots is ${show(summary.ballots)}, but the chain holds ${cast.size} ballots`);
  if (summary.totalAreaHundredths !== undefined && BigInt(summary.totalAreaHundredths) !== area) problems.push(`summary.totalAreaHundredths is ${show(summary.totalAreaHundredths)}, but the electorate holds ${area}`);
  if (summary.totalHeads !== undefined && BigInt(summary.totalHeads) !== heads) problems.push(`summary.totalHeads is ${show(summary.totalHeads)}, but the electorate has ${heads}`);
  const quorum = area > 0n && heads > 0n && ge(partArea, area, 2, 3) && ge(partHeads, heads, 2, 3);
  const recount = {};
  for (const [k, m] of matters) {
    const a = agree.get(k);
    const passes = partArea > 0n && partHeads > 0n && (m.class === 'special'
      ? ge(a.area, partArea, 3, 4) && ge(a.heads, partHeads, 3, 4)
      : gt(a.area, partArea, 1, 2) && gt(a.heads, partHeads, 1, 2));
    recount[k] = { participationAreaHundredths: partArea, participationHeads: partHeads, agreeAreaHundredths: a.area, agreeHeads: a.heads, quorum, passed: quorum && passes };
  }
  const compare = (label, got) => {
    if (!got || typeof got !== 'object') return [`${label} has no matters`];
    const out = [];
    const gotKeys = Object.keys(got);
    if (gotKeys.length !== matters.size || gotKeys.some((k) => !matters.has(k))) return [`${label} does not list exactly the vote's matters`];
    for (const [k, want] of Object.entries(recount)) {
      for (const f of TALLY_FIELDS) {
        const have = got[k]?.[f];
        const same = typeof want[f] === 'bigint' ? Number.isSafeInteger(have) && BigInt(have) === want[f] : have === want[f];
        if (!same) out.push(`${label} matter ${k} ${f} is ${show(have)}, but the ballots give ${String(want[f])}`);
      }
    }
    return out;
  };
  if (result) {
    problems.push(...compare('the result entry', result.matters));
    if (summary.state !== 'closed') problems.push(`summary.state is ${show(summary.state)}, but the chain holds the result`);
    problems.push(...compare('summary', summary.matters));
  } else {
    if (summary.state !== 'open') problems.push(`summary.state is ${show(summary.state)}, but the chain has no result yet (an open vote)`);
    if (summary.matters !== null && summary.matters !== undefined) problems.push('summary.matters must be null while the vote is open');
  }
  return problems;
}


const isInt = (v) => Number.isSafeInteger(v);

/**
 * ledger: each entry's data is {type, amountFen, category, at, memo, decisionRef, evidenceRefs, corrects}.
 * income and expense amounts are positive integers (fen) with corrects null; a correction's amount is a
 * non-zero signed integer and corrects names an earlier entry's seq. The summary is
 * {incomeFen, expenseFen, correctionFen, balanceFen, entries}, balanceFen = incomeFen - expenseFen + correctionFen.
 */
function ledgerRule(entries, summary) {
  const problems = [];
  let incomeFen = 0;
  let expenseFen = 0;
  let correctionFen = 0;
  for (const e of entries) {
    const d = e.data;
    const at = `entry ${e.seq}`;
    if (d === null || typeof d !== 'object' || Array.isArray(d)) { problems.push(`${at}: data is not an object`); continue; }
    if (!isInt(d.amountFen)) { problems.push(`${at}: amountFen is not an integer number of fen`); continue; }
    if (typeof d.category !== 'string' || typeof d.memo !== 'string' || typeof d.at !== 'string') problems.push(`${at}: category, memo and at must be strings`);
    if (d.decisionRef !== null && typeof d.decisionRef !== 'string') problems.push(`${at}: decisionRef must be a string or null`);
    if (!Array.isArray(d.evidenceRefs) || d.evidenceRefs.some((r) => typeof r !== 'string')) problems.push(`${at}: evidenceRefs must be a list of strings`);
    if (d.type === 'income' || d.type === 'expense') {
      if (d.amountFen <= 0) problems.push(`${at}: an ${d.type} amount must be positive`);
      if (d.corrects !== null) problems.push(`${at}: only a correction corrects an entry`);
      if (d.type === 'expense' && typeof d.decisionRef !== 'string') problems.push(`${at}: an expense names its authorising decision`);
      if (d.type === 'income') incomeFen += d.amountFen;
      else expenseFen += d.amountFen;
    } else if (d.type === 'correction') {
      if (d.amountFen === 0) problems.push(`${at}: a correction amount must not be 0`);
      if (!isInt(d.corrects) || d.corrects < 1 || d.corrects >= e.seq) problems.push(`${at}: corrects must be the seq of an earlier entry`);
      correctionFen += d.amountFen;
    } else {
      problems.push(`${at}: type is ${show(d.type)}, expected income, expense or correction`);
    }
  }
  const expected = { incomeFen, expenseFen, correctionFen, balanceFen: incomeFen - expenseFen + correctionFen, entries: entries.length };
  for (const [key, value] of Object.entries(expected)) {
    if (summary[key] !== value) problems.push(`summary.${key} is ${show(summary[key])}, but the entries give ${value}`);
  }
  return problems;
}

/**
 * disclosure: one compound's register. Each entry's data is {type: "publish"|"correction", disclosureId, title,
 * body, period, category, corrects, ...}; a correction's corrects is the seq of an earlier entry, and no entry
 * is corrected twice. The summary is {entries, publications, corrections, disclosureId, seq}: the counts, and the
 * disclosure the export is about, which must be the one at seq.
 */
function disclosureRule(entries, summary) {
  const problems = [];
  let publications = 0;
  let corrections = 0;
  const corrected = new Set();
  for (const e of entries) {
    const d = e.data;
    const at = `entry ${e.seq}`;
    if (d === null || typeof d !== 'object' || Array.isArray(d)) { problems.push(`${at}: data is not an object`); continue; }
    if (!isInt(d.disclosureId)) problems.push(`${at}: disclosureId is not an integer`);
    if (typeof d.title !== 'string' || typeof d.body !== 'string') problems.push(`${at}: title and body must be strings`);
    if (d.type === 'publish') {
      publications++;
      if (d.corrects !== null) problems.push(`${at}: a publication corrects nothing`);
    } else if (d.type === 'correction') {
      corrections++;
      if (!isInt(d.corrects) || d.corrects < 1 || d.corrects >= e.seq) problems.push(`${at}: corrects must be the seq of an earlier entry`);
      else if (corrected.has(d.corrects)) problems.push(`${at}: entry ${d.corrects} is corrected twice`);
      corrected.add(d.corrects);
    } else {
      problems.push(`${at}: type is ${show(d.type)}, expected publish or correction`);
    }
  }
  if (summary.entries !== entries.length) problems.push(`summary.entries is ${show(summary.entries)}, but the chain has ${entries.length} entries`);
  if (summary.publications !== publications) problems.push(`summary.publications is ${show(summary.publications)}, but the entries give ${publications}`);
  if (summary.corrections !== corrections) problems.push(`summary.corrections is ${show(summary.corrections)}, but the entries give ${corrections}`);
  const target = isInt(summary.seq) ? entries[summary.seq - 1] : undefined;
  if (!target || target.data?.disclosureId !== summary.disclosureId) problems.push(`summary.seq ${show(summary.seq)} is not the entry of disclosure ${show(summary.disclosureId)}`);
  return problems;
}

function show(value) {
  return JSON.stringify(value) ?? 'missing';
}

function checkString(value) {
  if (LONE_SURROGATE.test(value)) throw new Error('a string holds a lone surrogate');
  return JSON.stringify(value);
}

/**
 * RFC 8785 canonical JSON (JCS). ECMAScript's own number and string serialisation are the RFC's
 * rules, so JSON.stringify does the leaves; objects get their keys sorted by UTF-16 code units
 * (what Array.prototype.sort does with no comparator), and no whitespace is written.
 */
export function canonicalJson(value) {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`${value} is not a JSON number`);
      return JSON.stringify(value); // shortest round-trip form; -0 becomes 0, 1e21 becomes 1e+21
    case 'string':
      return checkString(value);
    case 'object':
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      return `{${Object.keys(value).sort().map((key) => `${checkString(key)}:${canonicalJson(value[key])}`).join(',')}}`;
    default:
      throw new Error(`a ${typeof value} is not JSON`);
  }
}

/** sha256_hex(prevHash + canonicalJson(data)) over UTF-8 bytes. */
export function chainHash(prevHash, data) {
  return createHash('sha256').update(prevHash + canonicalJson(data), 'utf8').digest('hex');
}

function isHash(value) {
  return typeof value === 'string' && HASH_PATTERN.test(value);
}

function entryProblem(entry, seq, prev) {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return 'the entry is not an object';
  if (entry.seq !== seq) return `seq is ${show(entry.seq)}, expected ${seq} (an entry is missing, added or out of order)`;
  if (!isHash(entry.prevHash)) return 'prevHash is not 64 lowercase hex digits';
  if (!isHash(entry.hash)) return 'hash is not 64 lowercase hex digits';
  if (entry.prevHash !== prev) return seq === 1 ? 'prevHash of the first entry is not 64 zeros' : `prevHash does not equal the hash of entry ${seq - 1}`;
  if (!('data' in entry)) return 'data is missing';
  let computed;
  try {
    computed = chainHash(prev, entry.data);
  } catch {
    return 'data cannot be written as canonical JSON (RFC 8785)';
  }
  if (computed !== entry.hash) return `hash does not match prevHash + canonical data (recomputed ${computed})`;
  return null;
}

/**
 * The chain rules: { ok: true } or { ok: false, seq, reason } for the first entry that breaks;
 * a wrong head is reported at the last entry's seq (0 for an empty chain).
 */
export function verifyEntries(entries, expectedHead) {
  let prev = ZERO_HASH;
  for (let i = 0; i < entries.length; i++) {
    const problem = entryProblem(entries[i], i + 1, prev);
    if (problem) return { ok: false, seq: i + 1, reason: problem };
    prev = entries[i].hash;
  }
  if (expectedHead !== undefined && expectedHead !== prev) {
    return entries.length === 0
      ? { ok: false, seq: 0, reason: `head is ${show(expectedHead)}, but the chain is empty, so it must be 64 zeros` }
      : { ok: false, seq: entries.length, reason: `head is ${show(expectedHead)}, but the hash of the last entry is ${prev}` };
  }
  return { ok: true };
}

function envelopeProblem(envelope) {
  if (envelope === null || typeof envelope !== 'object' || Array.isArray(envelope)) return 'the file is not a JSON object';
  if (envelope.format !== FORMAT) return `format is ${show(envelope.format)}, expected "${FORMAT}"`;
  if (typeof envelope.kind !== 'string' || envelope.kind === '') return 'kind is not a non-empty string';
  if (typeof envelope.id !== 'number' && typeof envelope.id !== 'string') return 'id is not a number or a string';
  if (!Array.isArray(envelope.entries)) return 'entries is not an array';
  if (!isHash(envelope.head)) return 'head is not 64 lowercase hex digits';
  if (envelope.summary === null || typeof envelope.summary !== 'object' || Array.isArray(envelope.summary)) return 'summary is not an object';
  return null;
}

/**
 * Verifies a parsed export. Returns { ok, line, warnings }: `line` is the one line to print.
 * `publishedHead`, when given, must equal the export's head.
 */
export function verifyEnvelope(envelope, { publishedHead } = {}) {
  const warnings = [];
  const shape = envelopeProblem(envelope);
  if (shape) return { ok: false, line: `FAIL: not a ${FORMAT} export: ${shape}`, warnings };
  const { kind, id, entries, head, summary } = envelope;
  const name = `${kind} ${id}`;
  const chain = verifyEntries(entries, head);
  if (!chain.ok) return { ok: false, line: `FAIL ${name}: ${chain.seq > 0 ? `entry ${chain.seq}: ` : ''}${chain.reason}`, warnings };
  if (publishedHead !== undefined && publishedHead !== head) {
    return { ok: false, line: `FAIL ${name}: head ${head} is not the published head ${publishedHead}`, warnings };
  }
  if (Object.hasOwn(summaryRules, kind)) {
    let problems;
    try {
      problems = summaryRules[kind](entries, summary);
    } catch (err) {
      problems = [`the summary rule failed: ${err instanceof Error ? err.message : String(err)}`];
    }
    if (problems.length > 0) return { ok: false, line: `FAIL ${name}: summary: ${problems.join('; ')}`, warnings };
  } else {
    warnings.push(`warning: no summary rule for kind "${kind}" in this verifier; the summary was NOT checked`);
  }
  return { ok: true, line: `OK ${name}: ${entries.length} entries, head ${head}`, warnings };
}

function usage(message) {
  console.error(`${message}\nusage: node scripts/verify-export.mjs FILE [--head HASH]`);
  return 2;
}

function main(args) {
  let file;
  let publishedHead;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--head') {
      publishedHead = args[++i];
      if (!isHash(publishedHead)) return usage('--head needs 64 lowercase hex digits');
    } else if (file === undefined && !args[i].startsWith('--')) {
      file = args[i];
    } else {
      return usage(`unexpected argument ${args[i]}`);
    }
  }
  if (file === undefined) return usage('no file given');
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    console.error(`cannot read ${file}: ${err.message}`);
    return 2;
  }
  let envelope;
  try {
    envelope = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    console.error(`${file} is not JSON: ${err.message}`);
    return 2;
  }
  const result = verifyEnvelope(envelope, { publishedHead });
  for (const warning of result.warnings) console.error(warning);
  console.log(result.line);
  return result.ok ? 0 : 1;
}

// Run when invoked as a program; tests import the functions above instead.
if (process.argv[1] && realpathSync(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
