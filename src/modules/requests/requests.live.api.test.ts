import { describe, expect, it } from 'vitest';
import type { LiveEvent } from '../../server/events.js';
import { login, useTestWorld } from '../../../test/app.js';
import { buildRequestsCommunity } from '../../../test/requests-factories.js';

const suite = useTestWorld(buildRequestsCommunity);

describe('request.created', () => {
  it('carries the category and compound names and a short description without the reporter\'s name or phone', async () => {
    const events: LiveEvent[] = [];
    const stop = suite.t.app.ctx.events.subscribe((e) => events.push(e));
    const resident = await login(suite.t.app, suite.w.accounts.resident.username);
    const description = `我是郑秀英，电话13803781201。${'楼道灯坏了好几天，晚上上下楼很不安全，'.repeat(20)}`;
    const res = await resident.post('/api/requests', { description, locationKind: 'stairwell', categoryId: suite.w.categories.get('lighting')!.id });
    expect(res.statusCode).toBe(201);
    stop();
    const created = events.find((e) => e.topic === 'request.created' && e.payload.requestId === res.json().id)!;
    expect(created.payload).toMatchObject({ categoryName: '楼道照明', compoundName: suite.w.compound.name, priority: 'normal', communityId: suite.w.community.id });
    const short = created.payload.description as string;
    expect([...short].length).toBeLessThanOrEqual(60);
    expect(short).toContain('楼道灯坏了');
    expect(short).not.toContain('郑秀英');
    expect(short).not.toContain('13803781201');
    // Well under the 8000-byte NOTIFY limit even with a 2000-character description.
    expect(Buffer.byteLength(JSON.stringify(created))).toBeLessThan(1000);
  });
});
