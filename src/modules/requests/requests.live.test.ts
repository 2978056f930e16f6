import { describe, expect, it } from 'vitest';
import { LIVE_DESCRIPTION_MAX, liveDescription } from './requests.live.js';

describe('liveDescription', () => {
  it('leaves out the reporter\'s name and phone and anything shaped like a phone or door number', () => {
    const text = liveDescription('我是郑秀英，住1单元301室，电话13803781201，楼道灯不亮', ['郑秀英', '13803781201']);
    expect(text).not.toContain('郑秀英');
    expect(text).not.toContain('13803781201');
    expect(text).not.toContain('301');
    expect(text).toContain('楼道灯不亮');
    expect(liveDescription('请回电 138 0378 1201', [])).not.toMatch(/\d{4}/);
  });

  it('cuts to 60 characters (not bytes) and folds whitespace', () => {
    const long = '暖气不热'.repeat(40);
    const text = liveDescription(long, []);
    expect([...text]).toHaveLength(LIVE_DESCRIPTION_MAX);
    expect(text.endsWith('…')).toBe(true);
    expect(liveDescription('  楼顶\n\n漏水  ', [])).toBe('楼顶 漏水');
  });
});
