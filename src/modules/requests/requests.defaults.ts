import type { AssigneeKind } from './requests.schema.js';

/** The 11 categories the seeds name, with SLA targets and the keywords that point at them. */
export interface DefaultCategory {
  code: string;
  name: string;
  /** For the English UI. */
  nameEn: string;
  assignee: AssigneeKind;
  keywords: string[];
  urgentKeywords?: string[];
  respondMinutes?: number;
  resolveMinutes?: number;
  businessHours?: string;
}

export const defaultCategories: DefaultCategory[] = [
  { code: 'heating', name: '暖气不热', nameEn: 'Heating not warm', assignee: 'local_unit', keywords: ['暖气', '供暖', '不热', '温度低', '散热器', '暖气片', '冰凉', '冷'], urgentKeywords: ['暖气管爆', '暖气漏水'] },
  { code: 'leak', name: '房顶/管道漏水', nameEn: 'Roof / pipe leak', assignee: 'property_company', keywords: ['漏水', '渗水', '房顶', '屋顶', '水管', '管道', '滴水', '下水道', '堵塞'], urgentKeywords: ['爆管', '水管爆', '大量漏水'] },
  { code: 'sanitation', name: '卫生死角', nameEn: 'Uncleaned corner', assignee: 'property_company', keywords: ['垃圾', '卫生', '脏', '臭', '死角', '清理', '杂物', '蚊蝇'] },
  { code: 'green_space', name: '绿地被占', nameEn: 'Green space occupied', assignee: 'grid_worker', keywords: ['绿地', '草坪', '种菜', '毁绿', '占用绿化', '绿化带'] },
  { code: 'camera_gate', name: '监控/门禁故障', nameEn: 'Camera / door access fault', assignee: 'property_company', keywords: ['监控', '摄像头', '门禁', '单元门', '刷卡', '大门坏', '门锁'] },
  { code: 'parking', name: '车辆乱停', nameEn: 'Parking in the way', assignee: 'property_company', keywords: ['乱停', '停车', '占道', '堵门', '挡路', '僵尸车'], urgentKeywords: ['消防通道'] },
  { code: 'ebike', name: '电动车充电', nameEn: 'E-bike charging', assignee: 'property_company', keywords: ['电动车', '充电', '飞线', '电瓶车', '充电桩'], urgentKeywords: ['楼道充电', '电瓶起火'] },
  { code: 'lighting', name: '楼道照明', nameEn: 'Stairwell lighting', assignee: 'property_company', keywords: ['路灯', '楼道灯', '灯不亮', '照明', '灯坏', '声控灯', '黑'] },
  { code: 'waterlogging', name: '道路积水', nameEn: 'Standing water on roads', assignee: 'local_unit', keywords: ['积水', '排水', '淹', '水坑', '雨水'] },
  { code: 'dispute', name: '邻里纠纷', nameEn: 'Neighbour dispute', assignee: 'grid_worker', keywords: ['纠纷', '吵架', '噪音', '扰民', '邻居', '矛盾', '宠物', '狗'], businessHours: '08:00-18:00', resolveMinutes: 2880 },
  { code: 'other', name: '其他', nameEn: 'Other', assignee: 'property_company', keywords: [] },
];
