/**
 * Where an Open311 request is: pure matching of a client's address_string or lat/long against
 * the compounds of the jurisdiction. The database only supplies the candidates.
 */
export interface CompoundCandidate {
  id: number;
  communityId: number;
  communityName: string;
  name: string;
  aliases: readonly string[];
  address: string | null;
  lat: number | null;
  lng: number | null;
}

export interface BuildingCandidate {
  id: number;
  name: string;
}

export type AddressMatch =
  | { kind: 'matched'; compound: CompoundCandidate }
  | { kind: 'ambiguous'; candidates: CompoundCandidate[] }
  | { kind: 'none' };

/** Full-width letters and digits to ASCII (NFKC), upper case, no spaces or punctuation. */
export function normalizePlaceText(text: string): string {
  return text.normalize('NFKC').toUpperCase().replace(/[\s\p{P}\p{S}]/gu, '');
}

/** "开封市鼓楼区州桥街道鼎立路18号" → "鼎立路18号": the part after the administrative divisions. */
export function streetAddressOf(address: string): string {
  const norm = normalizePlaceText(address);
  const cut = Math.max(...['省', '市', '区', '县', '街道', '镇', '乡'].map((m) => {
    const at = norm.lastIndexOf(m);
    return at < 0 ? 0 : at + m.length;
  }));
  return norm.slice(cut);
}

/** What a compound name says beyond its community: 鼎立社区 + 鼎立小区A区 → "A区". */
function distinctivePart(compoundName: string, communityName: string): string {
  const stem = normalizePlaceText(communityName).replace(/社区$/, '');
  let rest = normalizePlaceText(compoundName);
  if (stem && rest.startsWith(stem)) rest = rest.slice(stem.length);
  return rest.replace(/^小区/, '');
}

/**
 * How well the text names this compound. Tiers, best first: contains its name or an alias;
 * contains its street address; names its community and what sets it apart there ("鼎立社区
 * A区"); names only its community; is itself part of its name ("鼎立小区" for A区 and B区).
 */
export function addressScore(text: string, c: CompoundCandidate): number {
  const input = normalizePlaceText(text);
  if (!input) return 0;
  const names = [c.name, ...c.aliases].map(normalizePlaceText).filter((n) => n.length >= 2);
  const named = names.filter((n) => input.includes(n)).map((n) => n.length);
  if (named.length) return 1000 + Math.max(...named);
  const street = c.address ? streetAddressOf(c.address) : '';
  if (street.length >= 4 && input.includes(street)) return 800 + street.length;
  const community = normalizePlaceText(c.communityName);
  if (community.length >= 2 && input.includes(community)) {
    const rest = input.replace(community, '');
    const part = distinctivePart(c.name, c.communityName);
    if (part.length >= 1 && rest.includes(part)) return 600 + part.length;
    return 100;
  }
  if (input.length >= 3 && names.some((n) => n.includes(input))) return 50;
  return 0;
}

/**
 * The compound the text names. Equal best scores on different compounds are ambiguous, except
 * that naming only a community is enough when that community has one compound.
 */
export function matchAddress(text: string, candidates: readonly CompoundCandidate[]): AddressMatch {
  let best = 0;
  let top: CompoundCandidate[] = [];
  for (const c of candidates) {
    const score = addressScore(text, c);
    if (score === 0 || score < best) continue;
    if (score > best) {
      best = score;
      top = [];
    }
    top.push(c);
  }
  if (top.length === 0) return { kind: 'none' };
  if (top.length === 1) return { kind: 'matched', compound: top[0]! };
  return { kind: 'ambiguous', candidates: top };
}

const buildingWords = /(\d+)\s*(?:号楼|栋|幢|#楼|#)/g;

/**
 * The building the text names within the matched compound: its exact name, or the same number
 * written another way (12栋, 12幢, 12#). "12号楼" never matches building "2号楼".
 */
export function matchBuilding(text: string, buildings: readonly BuildingCandidate[]): BuildingCandidate | null {
  const input = normalizePlaceText(text.replace(/#/g, '号'));
  let found: BuildingCandidate | null = null;
  for (const b of buildings) {
    const name = normalizePlaceText(b.name);
    if (name.length < 2) continue;
    let at = input.indexOf(name);
    while (at >= 0 && /\d/.test(name[0]!) && at > 0 && /\d/.test(input[at - 1]!)) at = input.indexOf(name, at + 1);
    if (at >= 0 && (!found || name.length > normalizePlaceText(found.name).length)) found = b;
  }
  if (found) return found;
  const numbers = new Set([...text.normalize('NFKC').matchAll(buildingWords)].map((m) => Number(m[1])));
  return buildings.find((b) => {
    const m = /^(\d+)\s*(?:号楼|栋|幢|号)$/.exec(b.name.normalize('NFKC'));
    return m && numbers.has(Number(m[1]));
  }) ?? null;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine); plenty for a 500 m radius. */
export function haversineMeters(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The nearest compound with coordinates within `maxMeters`, or null. */
export function nearestCompound(point: { lat: number; lng: number }, candidates: readonly CompoundCandidate[], maxMeters = 500) {
  let best: { compound: CompoundCandidate; meters: number } | null = null;
  for (const c of candidates) {
    if (c.lat === null || c.lng === null) continue;
    const meters = haversineMeters(point, { lat: c.lat, lng: c.lng });
    if (meters <= maxMeters && (!best || meters < best.meters)) best = { compound: c, meters };
  }
  return best;
}

/** Degrees of latitude and longitude that surely contain a circle of `meters` around `lat`. */
export function boundingDegrees(lat: number, meters: number): { dLat: number; dLng: number } {
  const dLat = (meters / 111_000) * 1.1;
  return { dLat, dLng: dLat / Math.max(0.01, Math.cos((lat * Math.PI) / 180)) };
}
