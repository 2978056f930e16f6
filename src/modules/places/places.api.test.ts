import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, login, type TestApp } from '../../../test/app.js';
import { buildCity, buildCommunity, type TestCommunity } from '../../../test/factories.js';

let t: TestApp;
let home: TestCommunity;
let sameCity: TestCommunity;
let otherCity: TestCommunity;

beforeAll(async () => {
  t = await createTestApp();
  home = await buildCommunity(t.database.db);
  sameCity = await buildCommunity(t.database.db, { city: home.city, district: home.district, street: home.street, department: home.department, localUnit: home.localUnit });
  otherCity = await buildCommunity(t.database.db, await buildCity(t.database.db, '别市'));
});
afterAll(async () => t?.close());

describe('organisation browser', () => {
  it('community staff list only their own community, and drill down to households with full contact data', async () => {
    const staff = await login(t.app, home.accounts.staff.username);
    const list = (await staff.get('/api/communities')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([home.community.id]);
    expect(list.items[0].householdCount).toBe(4);

    const compounds = (await staff.get(`/api/communities/${home.community.id}/compounds`)).json();
    expect(compounds.total).toBe(2);
    expect(compounds.items.find((c: { selfGoverned: boolean }) => c.selfGoverned).company).toBeNull();

    const buildings = (await staff.get(`/api/compounds/${home.compound.id}/buildings`)).json();
    expect(buildings.items[0]).toMatchObject({ name: '1号楼', householdCount: 4 });

    const households = (await staff.get(`/api/buildings/${home.building.id}/households?pageSize=2&page=1`)).json();
    expect(households.total).toBe(4);
    expect(households.items).toHaveLength(2);
    expect(households.items[0].members[0]).toMatchObject({ name: '郑秀英', phone: '13803781201' });
  });

  it('searches and paginates', async () => {
    const dept = await login(t.app, home.accounts.dept.username);
    const all = (await dept.get('/api/communities?pageSize=1')).json();
    expect(all.total).toBe(2);
    expect(all.items).toHaveLength(1);
    const found = (await dept.get(`/api/communities?q=${encodeURIComponent(sameCity.community.name)}`)).json();
    expect(found.items.map((c: { id: number }) => c.id)).toEqual([sameCity.community.id]);
    const none = (await dept.get('/api/communities?q=%25_%25')).json();
    expect(none.total).toBe(0);
  });

  it('answers 404 for another tenant\'s community, compound, building and household', async () => {
    const staff = await login(t.app, home.accounts.staff.username);
    for (const url of [
      `/api/communities/${sameCity.community.id}`,
      `/api/communities/${sameCity.community.id}/compounds`,
      `/api/compounds/${sameCity.compound.id}`,
      `/api/compounds/${sameCity.compound.id}/buildings`,
      `/api/buildings/${sameCity.building.id}/households`,
      `/api/households/${sameCity.households[0]!.id}`,
      `/api/communities/999999999`,
    ]) {
      const res = await staff.get(url);
      expect.soft(res.statusCode, url).toBe(404);
      expect.soft(res.json().error.code, url).toBe('NOT_FOUND');
    }
  });

  it('the department sees its whole city but not another city', async () => {
    const dept = await login(t.app, home.accounts.dept.username);
    expect((await dept.get(`/api/communities/${sameCity.community.id}`)).statusCode).toBe(200);
    expect((await dept.get(`/api/communities/${otherCity.community.id}`)).statusCode).toBe(404);
    expect((await dept.get(`/api/buildings/${otherCity.building.id}/households`)).statusCode).toBe(404);
  });

  it('masks names and phones for roles without people:read_pii', async () => {
    const dept = await login(t.app, home.accounts.dept.username);
    const households = (await dept.get(`/api/buildings/${home.building.id}/households`)).json();
    const member = households.items.find((h: { number: string }) => h.number === '101').members[0];
    expect(member).toMatchObject({ name: '郑**', phone: '138****1201' });
  });

  it('property staff see only the compounds their company serves', async () => {
    const property = await login(t.app, home.accounts.property.username);
    const list = (await property.get('/api/communities')).json();
    expect(list.items.map((c: { id: number }) => c.id)).toEqual([home.community.id]);
    const compounds = (await property.get(`/api/communities/${home.community.id}/compounds`)).json();
    expect(compounds.items.map((c: { id: number }) => c.id)).toEqual([home.compound.id]);
    expect((await property.get(`/api/compounds/${home.selfGovernedCompound.id}`)).statusCode).toBe(404);
    expect((await property.get(`/api/compounds/${sameCity.compound.id}`)).statusCode).toBe(404);
    expect((await property.get(`/api/buildings/${home.building.id}/households`)).statusCode).toBe(403);
    const companies = (await property.get('/api/companies')).json();
    expect(companies.map((c: { id: number }) => c.id)).toEqual([home.company.id]);
  });

  it('a resident sees their own household with full data, and no one else\'s', async () => {
    const resident = await login(t.app, home.accounts.resident.username);
    const mine = await resident.get(`/api/households/${home.households[0]!.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().members[0]).toMatchObject({ name: '郑秀英', phone: '13803781201' });
    expect((await resident.get(`/api/households/${home.households[1]!.id}`)).statusCode).toBe(404);
    expect((await resident.get('/api/communities')).json().total).toBe(0);
    expect((await resident.get(`/api/communities/${home.community.id}`)).statusCode).toBe(404);
    expect((await resident.get(`/api/buildings/${home.building.id}/households`)).statusCode).toBe(403);
  });

  it('a resident lists the building names of their own compound, and of no other compound', async () => {
    const resident = await login(t.app, home.accounts.resident.username);
    const own = await resident.get(`/api/compounds/${home.compound.id}/buildings`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ total: 1, items: [{ id: home.building.id, name: '1号楼', floors: null, unitCount: null, householdCount: null }] });
    for (const url of [
      `/api/compounds/${home.selfGovernedCompound.id}/buildings`,
      `/api/compounds/${sameCity.compound.id}/buildings`,
      `/api/compounds/${otherCity.compound.id}/buildings`,
      `/api/compounds/999999999/buildings`,
      `/api/compounds/${home.compound.id}`,
    ]) {
      const res = await resident.get(url);
      expect.soft(res.statusCode, url).toBe(404);
    }
    // Names of buildings, not the households in them.
    expect((await resident.get(`/api/buildings/${home.building.id}/households`)).statusCode).toBe(403);
  });

  it('lists the local units of the actor\'s city to staff, none to residents, 403 without places:read', async () => {
    for (const username of [home.accounts.staff.username, home.accounts.dept.username, home.accounts.property.username, sameCity.accounts.staff.username]) {
      const units = (await (await login(t.app, username)).get('/api/local-units')).json();
      expect.soft(units, username).toEqual([{ id: home.localUnit.id, name: home.localUnit.name, phone: null }]);
    }
    const elsewhere = (await (await login(t.app, otherCity.accounts.staff.username)).get('/api/local-units')).json();
    expect(elsewhere.map((u: { id: number }) => u.id)).toEqual([otherCity.localUnit.id]);
    expect((await (await login(t.app, home.accounts.resident.username)).get('/api/local-units')).json()).toEqual([]);
    expect((await (await login(t.app, home.accounts.unitStaff.username)).get('/api/local-units')).statusCode).toBe(403);
  });
});
