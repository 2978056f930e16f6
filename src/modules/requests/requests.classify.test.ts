import { describe, expect, it } from 'vitest';
import { classify, type CategoryInput, type RuleInput } from './requests.classify.js';
import { defaultCategories } from './requests.defaults.js';

const categories: CategoryInput[] = defaultCategories.map((c, i) => ({ id: i + 1, code: c.code, defaultAssigneeKind: c.assignee, sortOrder: i }));
const idOf = (code: string) => categories.find((c) => c.code === code)!.id;
const rules: RuleInput[] = defaultCategories.flatMap((c) => [
  ...(c.keywords.length ? [{ categoryId: idOf(c.code), keywords: c.keywords, weight: 1, suggestUrgent: false, assigneeKind: c.assignee, localUnitId: c.code === 'heating' ? 77 : null }] : []),
  ...(c.urgentKeywords ? [{ categoryId: idOf(c.code), keywords: c.urgentKeywords, weight: 3, suggestUrgent: true, assigneeKind: c.assignee, localUnitId: null }] : []),
]);

describe('classify', () => {
  it.each([
    ['家里暖气片冰凉，室内温度低', 'heating'],
    ['3号楼房顶漏水，墙面渗水严重', 'leak'],
    ['小区东门垃圾堆了一周，很臭', 'sanitation'],
    ['有人在绿化带种菜', 'green_space'],
    ['单元门禁刷卡没反应', 'camera_gate'],
    ['消防通道被车辆乱停堵住了', 'parking'],
    ['有人从楼上拉飞线给电动车充电', 'ebike'],
    ['5楼楼道灯不亮', 'lighting'],
    ['下雨后路口积水很深', 'waterlogging'],
    ['楼上邻居晚上噪音扰民', 'dispute'],
    ['想咨询一下物业费怎么交', 'other'],
  ])('%s → %s', (text, code) => {
    expect(classify(text, rules, categories).categoryId).toBe(idOf(code));
  });

  it('suggests the assignee kind and local unit of the winning rule', () => {
    const result = classify('暖气不热', rules, categories);
    expect(result).toMatchObject({ assigneeKind: 'local_unit', localUnitId: 77, priority: 'normal' });
    expect(result.matchedKeywords).toEqual(expect.arrayContaining(['暖气', '不热']));
  });

  it('marks danger as urgent, by rule or by the global urgent words', () => {
    expect(classify('楼道充电，电瓶起火冒烟了', rules, categories)).toMatchObject({ categoryId: idOf('ebike'), priority: 'urgent' });
    expect(classify('水管爆了，大量漏水', rules, categories).priority).toBe('urgent');
    expect(classify('楼道里闻到燃气味', rules, categories).priority).toBe('urgent');
  });

  it('ignores whitespace and case, and falls back to 其他 or null', () => {
    expect(classify('暖 气 不 热', rules, categories).categoryId).toBe(idOf('heating'));
    expect(classify('随便说说', rules, categories).categoryId).toBe(idOf('other'));
    expect(classify('anything', [], []).categoryId).toBeNull();
  });
});
