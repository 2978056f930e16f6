/**
 * How residents of a northern Chinese city report problems, as numbers the generator can use:
 * each category's share of a year's requests, how long the work takes, how often it is urgent
 * or goes to 三方会诊, where it happens and what residents write. Heating and waterlogging
 * shares are annual; the day weights concentrate them in the heating season and rainy days.
 */
export interface CategoryProfile {
  code: string;
  share: number;
  resolveHours: number;
  urgentShare: number;
  escalateShare: number;
  locations: string[];
  texts: string[];
}

export const categoryProfiles: CategoryProfile[] = [
  { code: 'heating', share: 0.12, resolveHours: 6, urgentShare: 0.1, escalateShare: 0.01, locations: ['own_unit'],
    texts: ['家里暖气片冰凉，室内只有十几度，老人孩子受不了', '暖气不热，从早上到现在室温一直很低', '暖气时热时不热，请热力公司来看看', '暖气管漏水，地板都泡了'] },
  { code: 'leak', share: 0.12, resolveHours: 16, urgentShare: 0.15, escalateShare: 0.02, locations: ['own_unit', 'building', 'stairwell'],
    texts: ['卫生间顶上渗水，楼上邻居家可能水管漏了', '下雨房顶漏水，墙面都湿了', '楼道水管滴水，地面积了一滩水', '下水道堵塞，污水反上来了'] },
  { code: 'sanitation', share: 0.14, resolveHours: 4, urgentShare: 0.02, escalateShare: 0.004, locations: ['public_area', 'stairwell', 'garage'],
    texts: ['楼下垃圾桶满了好几天没人清理，味道很大', '楼道里堆满杂物，存在消防隐患', '小区角落卫生死角蚊蝇多，请尽快清理'] },
  { code: 'green_space', share: 0.05, resolveHours: 48, urgentShare: 0.01, escalateShare: 0.03, locations: ['green_space'],
    texts: ['有人在楼前绿地里种菜，草坪被毁了', '绿化带被占用堆放建筑垃圾', '有住户把公共绿地圈起来自用'] },
  { code: 'camera_gate', share: 0.08, resolveHours: 12, urgentShare: 0.04, escalateShare: 0.004, locations: ['building', 'public_area'],
    texts: ['单元门禁坏了，刷卡打不开', '小区大门口监控摄像头不亮了', '单元门锁坏了，外人随便进出'] },
  { code: 'parking', share: 0.14, resolveHours: 3, urgentShare: 0.06, escalateShare: 0.006, locations: ['road', 'garage'],
    texts: ['车辆乱停堵住了单元门口', '消防通道被私家车占用', '小区里有辆僵尸车停了半年没动'] },
  { code: 'ebike', share: 0.07, resolveHours: 24, urgentShare: 0.1, escalateShare: 0.008, locations: ['stairwell', 'garage'],
    texts: ['有人从楼上拉飞线给电动车充电，太危险', '楼道里停电动车充电，存在火灾隐患', '小区充电桩坏了，电动车没地方充电'] },
  { code: 'lighting', share: 0.09, resolveHours: 8, urgentShare: 0.02, escalateShare: 0.002, locations: ['stairwell', 'road'],
    texts: ['楼道声控灯坏了，晚上黑漆漆的', '小区路灯不亮，晚上出行不安全', '单元楼道灯一直不亮，老人上下楼害怕'] },
  { code: 'waterlogging', share: 0.04, resolveHours: 10, urgentShare: 0.2, escalateShare: 0.01, locations: ['road'],
    texts: ['下大雨后小区门口积水很深，出行困难', '雨水排不出去，路面积水没过脚踝', '地下车库入口积水，车辆进不去'] },
  { code: 'dispute', share: 0.08, resolveHours: 30, urgentShare: 0.01, escalateShare: 0.04, locations: ['building', 'own_unit'],
    texts: ['楼上邻居晚上噪音扰民，沟通无果', '邻居家狗经常乱叫，影响休息', '和邻居因为公共区域使用起了矛盾，请社区调解'] },
  { code: 'other', share: 0.07, resolveHours: 12, urgentShare: 0.02, escalateShare: 0.005, locations: ['public_area', 'other'],
    texts: ['小区健身器材损坏，请维修', '想咨询一下物业费缴纳的问题', '楼下商铺油烟太大，影响居住'] },
];

/** Which local unit (index into localUnitNames) takes a local_unit category. */
export const localUnitFor: Record<string, number> = { heating: 0, waterlogging: 6 };

/**
 * The lifecycle paths and their timeline steps. `at` names the milestone column of the staging
 * table; `from` '*' is decided per request (resolve after start or not; cancel after dispatch
 * or not); 'close' becomes confirm (rated by the resident) or auto_close (by the system).
 */
export type Actor = 'reporter' | 'dispatcher' | 'assignee' | 'consultant' | 'closer' | 'canceller';
export interface Step { action: string; from: string | null; to: string; at: string; actor: Actor }

const submit: Step = { action: 'submit', from: null, to: 'submitted', at: 'created_at', actor: 'reporter' };
const dispatch: Step = { action: 'dispatch', from: 'submitted', to: 'dispatched', at: 't_dispatch', actor: 'dispatcher' };
const accept: Step = { action: 'accept', from: 'dispatched', to: 'accepted', at: 't_accept', actor: 'assignee' };
const resolveFromAccepted: Step = { action: 'resolve', from: 'accepted', to: 'resolved', at: 't_resolve', actor: 'assignee' };
const close: Step = { action: 'close', from: 'resolved', to: 'closed', at: 't_close', actor: 'closer' };

export const paths: Record<string, Step[]> = {
  normal: [submit, dispatch, accept,
    { action: 'start', from: 'accepted', to: 'in_progress', at: 't_start', actor: 'assignee' },
    { action: 'resolve', from: '*', to: 'resolved', at: 't_resolve', actor: 'assignee' }, close],
  returned: [submit, dispatch,
    { action: 'return', from: 'dispatched', to: 'returned', at: 't_return', actor: 'assignee' },
    { action: 'dispatch', from: 'returned', to: 'dispatched', at: 't_redispatch', actor: 'dispatcher' },
    accept, resolveFromAccepted, close],
  reopened: [submit, dispatch, accept, resolveFromAccepted,
    { action: 'reopen', from: 'resolved', to: 'reopened', at: 't_reopen', actor: 'reporter' },
    { action: 'accept', from: 'reopened', to: 'accepted', at: 't_reaccept', actor: 'assignee' },
    { action: 'resolve', from: 'accepted', to: 'resolved', at: 't_reresolve', actor: 'assignee' }, close],
  escalated: [submit, dispatch, accept,
    { action: 'escalate', from: 'accepted', to: 'escalated', at: 't_escalate', actor: 'dispatcher' },
    { action: 'consult_dispatch', from: 'escalated', to: 'dispatched', at: 't_consult', actor: 'consultant' },
    { action: 'accept', from: 'dispatched', to: 'accepted', at: 't_accept2', actor: 'assignee' },
    resolveFromAccepted, close],
  cancelled: [submit, dispatch, { action: 'cancel', from: '*', to: 'cancelled', at: 't_cancel', actor: 'canceller' }],
  merged: [submit, { action: 'merge', from: 'submitted', to: 'merged', at: 't_merge', actor: 'dispatcher' }],
};

export const stepNotes: Record<string, string> = {
  return: '不属于本单位职责范围，请重新派单',
  reopen: '问题没有彻底解决，又出现了',
  cancel: '问题已自行解决，撤销诉求',
  escalate: '涉及多方责任，提请三方会诊',
  consult_dispatch: '三方会诊决定：由物业牵头，业委会监督整改',
  merge: '与同一问题的先前诉求合并处理',
  resolve: '已到现场处理完毕',
};

export const ratingComments = ['问题没解决', '处理太慢', '还行吧', '解决了，速度还可以', '处理及时，非常满意'];
