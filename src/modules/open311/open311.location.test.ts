import { describe, expect, it } from 'vitest';
import {
  addressScore, boundingDegrees, haversineMeters, matchAddress, matchBuilding, nearestCompound, normalizePlaceText, streetAddressOf,
  type CompoundCandidate,
} from './open311.location.js';

const dingliA: CompoundCandidate = {
  id: 1, communityId: 10, communityName: '鼎立社区', name: '鼎立小区A区', aliases: ['鼎立A区', '鼎立小区A'],
  address: '开封市鼓楼区鼎立路18号', lat: 34.7918, lng: 114.3481,
};
const dingliB: CompoundCandidate = {
  id: 2, communityId: 10, communityName: '鼎立社区', name: '鼎立小区B区', aliases: ['鼎立B区', '鼎立小区B'],
  address: '开封市鼓楼区鼎立路26号', lat: 34.7901, lng: 114.3502,
};
const olive: CompoundCandidate = {
  id: 3, communityId: 20, communityName: '橄榄城社区', name: '橄榄城', aliases: [],
  address: '开封市龙亭区金明大道88号', lat: 34.8153, lng: 114.3012,
};
const noCoords: CompoundCandidate = { ...olive, id: 4, name: '无坐标小区', lat: null, lng: null, address: null };
const city = [dingliA, dingliB, olive, noCoords];
const buildings = ['1号楼', '2号楼', '12号楼', '14号楼'].map((name, i) => ({ id: 100 + i, name }));

describe('matchAddress', () => {
  it('matches a community plus what sets the compound apart', () => {
    expect(matchAddress('鼎立社区 A区12号楼', city)).toEqual({ kind: 'matched', compound: dingliA });
    expect(matchAddress('鼎立社区B区3号楼', city)).toEqual({ kind: 'matched', compound: dingliB });
  });

  it('matches a compound name or alias anywhere in the text, full-width or not', () => {
    expect(matchAddress('开封市 鼎立小区A区 12号楼门口', city)).toMatchObject({ compound: { id: 1 } });
    expect(matchAddress('鼎立Ｂ区（东门）', city)).toMatchObject({ compound: { id: 2 } });
    expect(matchAddress('橄榄城3期', city)).toMatchObject({ compound: { id: 3 } });
  });

  it('matches a street address', () => {
    expect(matchAddress('鼎立路26号院内', city)).toMatchObject({ compound: { id: 2 } });
    expect(matchAddress('河南省开封市鼓楼区鼎立路18号', city)).toMatchObject({ compound: { id: 1 } });
  });

  it('calls a bare community with several compounds, or part of two names, ambiguous', () => {
    const onlyCommunity = matchAddress('鼎立社区', city);
    expect(onlyCommunity.kind).toBe('ambiguous');
    expect(matchAddress('鼎立小区', city)).toMatchObject({ kind: 'ambiguous', candidates: [{ id: 1 }, { id: 2 }] });
  });

  it('a community with a single compound is enough', () => {
    expect(matchAddress('橄榄城社区东门', [olive])).toMatchObject({ kind: 'matched', compound: { id: 3 } });
  });

  it('finds nothing in unrelated text', () => {
    expect(matchAddress('北京市海淀区中关村大街1号', city)).toEqual({ kind: 'none' });
    expect(matchAddress('   ', city)).toEqual({ kind: 'none' });
    expect(addressScore('小区', dingliA)).toBe(0);
  });
});

describe('matchBuilding', () => {
  it('finds the building by name or another way of writing its number', () => {
    expect(matchBuilding('鼎立社区 A区12号楼', buildings)?.name).toBe('12号楼');
    expect(matchBuilding('A区12栋2单元', buildings)?.name).toBe('12号楼');
    expect(matchBuilding('A区14#楼下', buildings)?.name).toBe('14号楼');
    expect(matchBuilding('A区１号楼', buildings)?.name).toBe('1号楼');
  });

  it('never reads 12号楼 as 2号楼, nor a street number as a building', () => {
    expect(matchBuilding('112号楼', buildings)).toBeNull();
    expect(matchBuilding('鼎立路12号', buildings)).toBeNull();
    expect(matchBuilding('小区东门', buildings)).toBeNull();
  });
});

describe('nearestCompound', () => {
  it('takes the nearest compound within 500 m', () => {
    const near = nearestCompound({ lat: 34.7915, lng: 114.3485 }, city);
    expect(near?.compound.id).toBe(1);
    expect(near!.meters).toBeLessThan(100);
    expect(nearestCompound({ lat: 34.7899, lng: 114.3506 }, city)?.compound.id).toBe(2);
  });

  it('finds nothing beyond 500 m and skips compounds without coordinates', () => {
    expect(nearestCompound({ lat: 34.80, lng: 114.36 }, city)).toBeNull();
    expect(nearestCompound({ lat: 0, lng: 0 }, [noCoords])).toBeNull();
  });

  it('measures like the haversine formula should', () => {
    // One minute of latitude is one nautical mile (1852 m) within half a percent.
    expect(haversineMeters({ lat: 34, lng: 114 }, { lat: 34 + 1 / 60, lng: 114 })).toBeCloseTo(1853, -1);
    const box = boundingDegrees(34.79, 500);
    expect(haversineMeters({ lat: 34.79, lng: 114.34 }, { lat: 34.79 + box.dLat, lng: 114.34 })).toBeGreaterThan(500);
    expect(haversineMeters({ lat: 34.79, lng: 114.34 }, { lat: 34.79, lng: 114.34 + box.dLng })).toBeGreaterThan(500);
  });
});

describe('text normalisation', () => {
  it('drops spaces and punctuation and folds full-width forms', () => {
    expect(normalizePlaceText('鼎立 小区（Ａ区）')).toBe('鼎立小区A区');
    expect(streetAddressOf('开封市鼓楼区州桥街道鼎立路18号')).toBe('鼎立路18号');
    expect(streetAddressOf('测试路ab12号A')).toBe('测试路AB12号A');
  });
});
