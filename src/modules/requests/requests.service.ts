import { createHash } from 'node:crypto';
import { and, eq, isNull } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import type { AppContext } from '../../server/context.js';
import { AppError, notFound } from '../../server/errors.js';
import { can, type Actor } from '../access/access.policy.js';
import { open311ApiKeys } from '../open311/open311.schema.js';
import { compoundScope } from '../places/places.scope.js';
import { buildings } from '../places/places.schema.js';
import { classifyForCity } from './requests.categories.js';
import { RequestErrors } from './requests.errors.js';
import { publishRequestCreated } from './requests.live.js';
import { storePhotos, validatePhotos, type PhotoInput } from './requests.photos.js';
import { requestCategories, type locationKinds } from './requests.schema.js';
import { dueTimes } from './requests.sla.js';
import { callerKey, findIdempotencyRecord, replayIdempotent, replayWinner, requestHashOf } from '../../kernel/idempotency.js';
import { roleOf } from '../../kernel/workflow.js';
import { writeFiling } from './requests.file-write.js';
import { accountContext, FILE_OPERATION, residentContext, type CompoundPlace } from './requests.file-context.js';
import type { DetailParts, SummaryRow } from './requests.queries.js';
import type { CategoryRow } from './requests.categories.js';

export { FILE_OPERATION };

export interface FileRequestInput {
  reporter: { kind: 'account'; actor: Actor } | { kind: 'external'; apiKeyId: number; name?: string | null; phone?: string | null; email?: string | null };
  /** Required for external reporters; for a resident, their household's compound. */
  compoundId?: number;
  buildingId?: number | null;
  /** Omitted → classified from the description. */
  categoryId?: number;
  description: string;
  priority?: 'normal' | 'urgent';
  locationKind: (typeof locationKinds)[number];
  locationText?: string | null;
  lat?: number | null;
  lng?: number | null;
  contactTime?: string | null;
  source: 'app' | 'open311' | 'phone';
  photos?: PhotoInput[];
  idempotencyKey?: string | null;
}

interface Reporter {
  compoundId: number;
  /** The building of the reporter's home, for requests about their own unit. */
  homeBuildingId?: number | null;
  householdId: number | null;
  accountId: number | null;
  personId: number | null;
  name: string | null;
  phone: string | null;
  email: string | null;
  apiKeyId: number | null;
  actor: Actor | null;
  role: string | null;
  /** Read with the reporter when it came at no extra round trip (a resident's household compound). */
  place?: CompoundPlace;
  compoundName?: string;
  /** The request already filed under this Idempotency-Key, when looked up with the reporter (null: none). */
  prior?: { requestHash: string; result: unknown } | null;
  /** The key was not looked up (a cached context): the write's unique index settles it, a retry replays the winner. */
  keySettledByWrite?: boolean;
  /** Read with a resident's household: the category and building asked for (checked), and the household's label. */
  known?: { category: CategoryRow | null; building: { id: number; name: string } | null; homeBuildingName: string; household: NonNullable<DetailParts['household']>; personName: string | null };
}


/** Who files and where: a resident in their household's compound, staff on a caller's behalf, or an Open311 client. */
async function resolveReporter(ctx: AppContext, input: FileRequestInput, key: string | null): Promise<Reporter> {
  const db = ctx.db;
  const r = input.reporter;
  if (r.kind === 'external') {
    if (!input.compoundId) throw new AppError(RequestErrors.REQUEST_LOCATION_INVALID, 'A compound is required');
    const [key] = await db.select({ cityId: open311ApiKeys.cityId }).from(open311ApiKeys).where(and(eq(open311ApiKeys.id, r.apiKeyId), isNull(open311ApiKeys.revokedAt)));
    const scope = await compoundScope(db, input.compoundId);
    if (!key || !scope || scope.cityId !== key.cityId) throw notFound('Compound', input.compoundId);
    return { compoundId: input.compoundId, householdId: null, accountId: null, personId: null, name: r.name ?? null, phone: r.phone ?? null, email: r.email ?? null, apiKeyId: r.apiKeyId, actor: null, role: null };
  }
  const actor = r.actor;
  const home = actor.grants.find((g) => g.role === 'resident' && g.scopeType === 'household');
  const filesAtHome = !!home && can(actor, 'requests:create', { householdId: home.scopeId });
  const asked = { categoryId: input.categoryId ?? null, buildingId: input.buildingId ?? null };
  // A filing without photos may take the resident's context from the cache; its key is then settled by the write.
  const context = filesAtHome
    ? await residentContext(ctx, actor, home!.scopeId, key, asked, (input.photos ?? []).length === 0)
    : await accountContext(db, actor, null, key, asked);
  const base = {
    accountId: actor.accountId, personId: actor.personId, name: context.name ?? actor.name, phone: context.phone ?? null, email: null, apiKeyId: null, actor,
    prior: context.prior ?? null, keySettledByWrite: context.prior === undefined,
  };
  if (filesAtHome) {
    const household = context.household;
    if (!household) throw new AppError(RequestErrors.REQUEST_NO_HOUSEHOLD, 'Your household is not registered');
    if (input.compoundId && input.compoundId !== household.compoundId) throw new AppError(RequestErrors.REQUEST_LOCATION_INVALID, 'Residents file requests about their own compound');
    return {
      ...base, compoundId: household.compoundId, homeBuildingId: household.buildingId, householdId: home!.scopeId, role: 'resident',
      place: household.place, compoundName: household.compoundName,
      known: {
        category: context.category, building: context.building, homeBuildingName: household.label.buildingName, personName: context.name,
        household: { ...household.label, compoundName: household.compoundName },
      },
    };
  }
  // Community staff take requests by phone for residents without the app.
  const scope = input.compoundId ? await compoundScope(db, input.compoundId) : undefined;
  if (input.compoundId && scope && can(actor, 'requests:dispatch', scope)) {
    return { ...base, compoundId: input.compoundId, householdId: null, role: 'community_staff' };
  }
  if (input.compoundId) throw notFound('Compound', input.compoundId);
  throw new AppError(RequestErrors.REQUEST_NO_HOUSEHOLD, 'Only residents with a registered household can file without naming a compound');
}

/** What a retry must repeat exactly for the key to replay it. */
function requestHash(input: FileRequestInput, photoHashes: string[]): string {
  return requestHashOf({
    compoundId: input.compoundId ?? null, buildingId: input.buildingId ?? null, categoryId: input.categoryId ?? null,
    description: input.description, priority: input.priority ?? null, locationKind: input.locationKind,
    locationText: input.locationText ?? null, lat: input.lat ?? null, lng: input.lng ?? null,
    contactTime: input.contactTime ?? null, source: input.source, photos: photoHashes,
  });
}

async function categoryFor(db: DbOrTx, cityId: number, input: FileRequestInput, known?: CategoryRow | null) {
  const classified = input.categoryId ? null : await classifyForCity(db, cityId, input.description);
  const categoryId = input.categoryId ?? classified?.categoryId;
  // A resident's context already looked the asked category up (active, of the household's city).
  const [category] = input.categoryId && known !== undefined ? (known ? [known] : [])
    : categoryId
    ? await db.select().from(requestCategories).where(and(eq(requestCategories.id, categoryId), eq(requestCategories.cityId, cityId), eq(requestCategories.active, true)))
    : [];
  if (!category) throw new AppError(RequestErrors.REQUEST_CATEGORY_INVALID, 'Unknown or inactive category', { categoryId: categoryId ?? null });
  return { category, suggestedCategoryId: classified?.categoryId ?? null, priority: input.priority ?? classified?.priority ?? 'normal' };
}

async function checkBuilding(db: DbOrTx, compoundId: number, buildingId: number | null | undefined, known?: { id: number } | null): Promise<void> {
  if (!buildingId) return;
  const [b] = known !== undefined ? (known ? [known] : []) : await db.select({ id: buildings.id }).from(buildings).where(and(eq(buildings.id, buildingId), eq(buildings.compoundId, compoundId)));
  if (!b) throw new AppError(RequestErrors.REQUEST_LOCATION_INVALID, 'The building is not in this compound', { buildingId });
}

/** What a filing knows of the request it wrote: enough to answer with its detail without reading it back. */
export interface FiledRequest {
  row: SummaryRow;
  parts: DetailParts;
}

/**
 * 居民下单: files a request in one statement (request row, 'submitted' timeline entry, photos,
 * idempotency record — requests.file-write.ts; the key's unique index settles concurrent retries:
 * the loser returns the winner's request). `request.created` is published after commit. A
 * resident's filing also returns the request as read back (`filed`): everything in it was read
 * with the resident's context or written just now.
 */
export async function fileRequest(ctx: AppContext, input: FileRequestInput): Promise<{ requestId: number; replayed: boolean; filed?: FiledRequest }> {
  const photos = input.photos ?? [];
  validatePhotos(photos);
  const key = input.idempotencyKey || null;
  const reporter = await resolveReporter(ctx, input, key);
  const hash = requestHash(input, photos.map((p) => createHash('sha256').update(p.bytes).digest('hex')));
  const caller = reporter.apiKeyId !== null ? callerKey({ apiKeyId: reporter.apiKeyId }) : callerKey({ accountId: reporter.accountId! });
  // A replay answers before any other work (no classification, no photo stored twice).
  if (key && !reporter.keySettledByWrite) {
    const prior = reporter.prior !== undefined ? reporter.prior : await findIdempotencyRecord(ctx.db, caller, FILE_OPERATION, key);
    if (prior) return { ...replayIdempotent<{ requestId: number }>(prior, hash).result, replayed: true };
  }
  const known = reporter.known;
  const place = reporter.place ?? (await compoundScope(ctx.db, reporter.compoundId))!;
  await checkBuilding(ctx.db, reporter.compoundId, input.buildingId, known?.building);
  const { category, suggestedCategoryId, priority } = await categoryFor(ctx.db, place.cityId, input, known?.category);
  const now = ctx.clock.now();
  const buildingId = input.buildingId ?? (input.locationKind === 'own_unit' ? reporter.homeBuildingId ?? null : null);
  const stored = await storePhotos(ctx.storage, place.communityId, photos);
  const submitData = { source: input.source, categoryId: category.id, priority };
  const actorRole = reporter.role ?? roleOf(reporter.actor);
  const written = await writeFiling(ctx.db, {
    request: {
      communityId: place.communityId, cityId: place.cityId, districtId: place.districtId, streetId: place.streetId,
      compoundId: reporter.compoundId, buildingId, householdId: reporter.householdId,
      categoryId: category.id, suggestedCategoryId, priority, description: input.description, locationKind: input.locationKind,
      locationText: input.locationText ?? null, lat: input.lat ?? null, lng: input.lng ?? null, contactTime: input.contactTime ?? null,
      source: input.source, reporterPersonId: reporter.personId, reporterAccountId: reporter.accountId, reporterName: reporter.name,
      reporterPhone: reporter.phone, reporterEmail: reporter.email, apiKeyId: reporter.apiKeyId,
      ...dueTimes(category, priority, now), createdAt: now, updatedAt: now,
    },
    photos: stored, uploadedBy: reporter.accountId,
    submit: { actorAccountId: reporter.actor?.accountId ?? null, actorRole, data: submitData },
    idempotency: key ? { caller, operation: FILE_OPERATION, key, requestHash: hash } : null,
  });
  if (!written) {
    // A concurrent retry with the same key stored it first: its request is the answer.
    return { ...(await replayWinner<{ requestId: number }>(ctx.db, caller, FILE_OPERATION, key!, hash)).result, replayed: true };
  }
  const { row } = written;
  await publishRequestCreated(ctx, row, category.name, reporter.compoundName);
  const filed: FiledRequest | undefined = known && {
    row: {
      r: row, categoryCode: category.code, categoryName: category.name, businessHours: category.businessHours, compoundName: reporter.compoundName!,
      buildingName: buildingId === null ? null : buildingId === reporter.homeBuildingId ? known.homeBuildingName : known.building!.name,
      companyName: null, organisationName: null, assigneePersonName: null, followerCount: 0, total: null as unknown as number,
    },
    parts: {
      attachments: written.attachmentIds.map((id, i) => ({ id, mimeType: stored[i]!.mimeType, bytes: stored[i]!.bytes })),
      events: [{
        id: written.eventId, atMs: now.getTime(), action: 'submit', fromState: null, toState: 'submitted', actorAccountId: reporter.actor?.accountId ?? null,
        actorRole, note: null, attachmentIds: written.attachmentIds, data: submitData, name: known.personName,
      }],
      consultations: [], followers: [], household: known.household,
    },
  };
  return { requestId: row.id, replayed: false, filed };
}
