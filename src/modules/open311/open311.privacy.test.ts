import { describe, expect, it } from 'vitest';
import { redactPublicText } from './open311.privacy.js';

describe('redactPublicText', () => {
  it('removes the known reporter name and phone wherever they appear', () => {
    const out = redactPublicText('我是郑秀英，郑秀英家暖气不热', ['郑秀英', '13803781201']);
    expect(out).not.toContain('郑秀英');
    expect(out).toContain('家暖气不热');
  });

  it('hides phone numbers in any common spelling', () => {
    for (const phone of ['13803781201', '138 0378 1201', '138-0378-1201', '0371-23381166', '037123381166', '１３８０３７８１２０１']) {
      const out = redactPublicText(`请联系${phone}谢谢`);
      expect(out, phone).toBe('请联系***谢谢');
    }
  });

  it('hides household door numbers but keeps the building and stairwell', () => {
    expect(redactPublicText('12号楼1单元301室漏水')).toBe('12号楼1单元***漏水');
    expect(redactPublicText('住12号楼 2 单元 502')).toBe('住12号楼 2 单元***');
    expect(redactPublicText('1202号房门口')).toBe('***门口');
    expect(redactPublicText('12-1-301楼上')).toBe('12-1-***楼上');
  });

  it('hides resident ID numbers', () => {
    expect(redactPublicText('身份证410202197501011234')).toBe('身份证***');
    expect(redactPublicText('身份证41020219750101123X')).toBe('身份证***');
  });

  it('leaves ordinary text alone: building numbers, counts, amounts', () => {
    const text = '鼎立小区A区12号楼楼道灯坏了3天，共6层，维修约200元';
    expect(redactPublicText(text, [null, undefined, ''])).toBe(text);
  });
});
