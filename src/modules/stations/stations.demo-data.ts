import type { CheckoutPurpose, IncidentKind } from './stations.schema.js';

/*
 * The demo stations, from Xiangyang's report (shared/seeds): 新华社区 built an emergency station
 * in its 红色驿站 covering 9 compounds, 3 urban-village self-built areas and 47 shops; 4 categories
 * / 8 kinds of professional rescue equipment and 9 categories / 34 kinds of ordinary supplies
 * (挪车器, 破拆工具, 漏电检测仪…); a 12-person rescue team trained twice in March; open 24 h, keys
 * held by the property company and the community. 鼎立社区's smaller station is invented to match.
 */

export interface ItemSpec {
  category: string;
  name: string;
  unit: string;
  standard: number;
  /** On hand at the start of the history (before check-outs and restocks). */
  start?: number;
  consumable?: boolean;
  location: string;
  /** Days from today of the nearest expiry (negative: expired). */
  expiresInDays?: number;
  inspectEveryDays?: number;
  /** Days ago of the last inspection (with inspectEveryDays). */
  inspectedDaysAgo?: number;
  note?: string;
}

export interface TeamSpec {
  name: string;
  teamRole: 'leader' | 'deputy' | 'member';
  side: 'property' | 'community' | 'volunteer';
  skills: string[];
  /** A demo account (its phone comes from the account). */
  account?: string;
  phone?: string;
  note?: string;
}

export interface HolderSpec {
  name: string;
  side: 'property' | 'community';
  organisation: string;
  keyLabel: string;
  account?: string;
  phone?: string;
}

export interface DrillSpec {
  kind: 'training' | 'drill';
  title: string;
  /** Either a day of this year's March (the report's two trainings) or days ago. */
  march?: { day: number; hour: number };
  daysAgo?: number;
  hour?: number;
  durationMinutes: number;
  location: string;
  trainer?: string;
  practised: string[];
  /** Team members absent (by name). */
  absent: string[];
  /** Items checked out for it and returned (name, quantity). */
  uses: [string, number][];
  notes?: string;
}

export interface IncidentSpec {
  kind: IncidentKind;
  title: string;
  description: string;
  daysAgo: number;
  hour: number;
  minute: number;
  /** A coverage entry's name. */
  where?: string;
  locationText: string;
  /** Search text to find the 三单服务 request it began as (the latest one filed by that day): the incident then follows it, at its place, titled `<compound> <title>`. */
  requestQuery?: string;
  responders: string[];
  uses: [string, number][];
  outcome?: string;
}

export interface LoanSpec {
  item: string;
  quantity: number;
  purpose: CheckoutPurpose;
  reason: string;
  by: string;
  borrower?: string;
  daysAgo: number;
  /** Hours after check-out it was due. */
  dueHours: number;
  /** Returned after this many hours; absent = still out. */
  returnedAfterHours?: number;
}

export interface StationSpec {
  community: string;
  company: string;
  name: string;
  address: string;
  locationNote: string;
  alwaysOpen: boolean;
  opensAt?: string;
  closesAt?: string;
  dutyPhone: string;
  createdDaysAgo: number;
  compounds: { name: string; linked?: boolean; headcount: number; address?: string }[];
  urbanVillages: { name: string; headcount: number; address: string }[];
  shops: number;
  rescue: ItemSpec[];
  supplies: ItemSpec[];
  /** Restocks in the history: item, quantity, days ago. */
  restocks: [string, number, number][];
  team: TeamSpec[];
  holders: HolderSpec[];
  /** Monthly roll calls; the latest `openHolders` (by name) have not answered yet (null: the latest is closed). */
  rollCalls: { count: number; latestDaysAgo: number; latestMissing: string[]; latestOpen: boolean; onBehalf: string[] };
  drills: DrillSpec[];
  incidents: IncidentSpec[];
  loans: LoanSpec[];
}

const inspect = (every: number, ago: number) => ({ inspectEveryDays: every, inspectedDaysAgo: ago });

export const xinhuaStation: StationSpec = {
  community: '新华社区', company: '众悦欣物业', name: '新华社区应急服务站',
  address: '襄阳市高新区七里河街道新华路9号（红色驿站）', locationNote: '红色驿站一楼东侧：应急器材室与物资储藏室',
  alwaysOpen: true, dutyPhone: '0710-3227110', createdDaysAgo: 430,
  compounds: [
    { name: '众悦欣·新华苑', linked: true, headcount: 252, address: '新华路11号' },
    { name: '卧龙小区', linked: true, headcount: 96, address: '七里河路卧龙巷3号' },
    { name: '新华里小区', headcount: 318, address: '新华路21号' },
    { name: '七里河花园', headcount: 406, address: '七里河路58号' },
    { name: '锦绣华庭', headcount: 288, address: '新华路35号' },
    { name: '金鼎苑', headcount: 164, address: '长虹路12号' },
    { name: '民发世纪城北区', headcount: 512, address: '长虹北路6号' },
    { name: '盛世新城', headcount: 230, address: '七里河路102号' },
    { name: '东方明珠苑', headcount: 176, address: '新华路47号' },
  ],
  urbanVillages: [
    { name: '七里河村自建房片区', headcount: 86, address: '七里河村一至三组' },
    { name: '新华村三组自建房', headcount: 54, address: '新华村三组' },
    { name: '张湾自建房片区', headcount: 41, address: '张湾路北侧' },
  ],
  shops: 47,
  rescue: [
    { category: '破拆救援类', name: '液压破拆工具组', unit: '套', standard: 1, location: '器材室 A-1', ...inspect(90, 40), note: '含扩张器、剪切钳、液压泵' },
    { category: '破拆救援类', name: '无齿锯', unit: '台', standard: 1, location: '器材室 A-2', ...inspect(90, 40) },
    { category: '电气安全类', name: '漏电检测仪', unit: '台', standard: 2, location: '器材室 B-1', ...inspect(180, 95) },
    { category: '电气安全类', name: '绝缘救援杆', unit: '根', standard: 2, location: '器材室 B-2', ...inspect(180, 95) },
    { category: '排水抢险类', name: '移动式排水泵', unit: '台', standard: 2, location: '器材室 C-1', ...inspect(60, 20) },
    { category: '排水抢险类', name: '应急发电机', unit: '台', standard: 1, location: '器材室 C-2', ...inspect(30, 26), note: '5kW 汽油发电机，每月试机' },
    { category: '救援照明类', name: '移动照明灯组', unit: '套', standard: 1, location: '器材室 D-1', ...inspect(90, 40) },
    { category: '救援照明类', name: '折叠担架', unit: '副', standard: 2, location: '器材室 D-2', ...inspect(180, 95) },
  ],
  supplies: [
    { category: '交通疏导类', name: '挪车器', unit: '台', standard: 2, location: '储藏室 1-1', ...inspect(90, 40) },
    { category: '交通疏导类', name: '反光锥', unit: '个', standard: 20, start: 18, location: '储藏室 1-2' },
    { category: '交通疏导类', name: '警示隔离带', unit: '卷', standard: 10, consumable: true, location: '储藏室 1-3' },
    { category: '交通疏导类', name: '交通指挥棒', unit: '根', standard: 6, location: '储藏室 1-4' },
    { category: '防汛排涝类', name: '防汛沙袋', unit: '个', standard: 200, start: 200, consumable: true, location: '储藏室 2-1（地面）' },
    { category: '防汛排涝类', name: '挡水板', unit: '块', standard: 10, location: '储藏室 2-2' },
    { category: '防汛排涝类', name: '雨衣', unit: '件', standard: 20, location: '储藏室 2-3' },
    { category: '防汛排涝类', name: '雨靴', unit: '双', standard: 20, location: '储藏室 2-3' },
    { category: '防汛排涝类', name: '铁锹', unit: '把', standard: 10, location: '储藏室 2-4' },
    { category: '消防器材类', name: '干粉灭火器', unit: '具', standard: 20, location: '储藏室 3-1', expiresInDays: 420, ...inspect(30, 12) },
    { category: '消防器材类', name: '灭火毯', unit: '块', standard: 10, location: '储藏室 3-2', expiresInDays: 600 },
    { category: '消防器材类', name: '消防水带', unit: '盘', standard: 4, location: '储藏室 3-3', ...inspect(180, 95) },
    { category: '消防器材类', name: '防烟面罩', unit: '个', standard: 20, location: '储藏室 3-4', expiresInDays: 300 },
    { category: '照明通讯类', name: '强光手电', unit: '把', standard: 12, location: '储藏室 4-1' },
    { category: '照明通讯类', name: '头灯', unit: '个', standard: 10, location: '储藏室 4-1' },
    { category: '照明通讯类', name: '对讲机', unit: '台', standard: 6, location: '储藏室 4-2', ...inspect(30, 12) },
    { category: '照明通讯类', name: '扩音喇叭', unit: '个', standard: 4, location: '储藏室 4-3' },
    { category: '医疗急救类', name: '急救箱', unit: '个', standard: 4, location: '储藏室 5-1', expiresInDays: 19, note: '内含止血、包扎、消毒用品' },
    { category: '医疗急救类', name: '自动体外除颤器（AED）', unit: '台', standard: 1, location: '驿站大厅东墙', expiresInDays: 240, ...inspect(30, 32), note: '电极片有效期见设备' },
    { category: '医疗急救类', name: '医用口罩', unit: '盒', standard: 20, consumable: true, location: '储藏室 5-2', expiresInDays: 380 },
    { category: '医疗急救类', name: '止血带', unit: '根', standard: 20, consumable: true, location: '储藏室 5-1' },
    { category: '防寒保暖类', name: '棉被', unit: '床', standard: 20, location: '储藏室 6-1' },
    { category: '防寒保暖类', name: '军大衣', unit: '件', standard: 10, location: '储藏室 6-1' },
    { category: '防寒保暖类', name: '暖贴', unit: '包', standard: 50, start: 30, consumable: true, location: '储藏室 6-2', expiresInDays: 500 },
    { category: '工具维修类', name: '管钳', unit: '把', standard: 4, location: '储藏室 7-1' },
    { category: '工具维修类', name: '应急堵漏工具包', unit: '套', standard: 2, location: '储藏室 7-2' },
    { category: '工具维修类', name: '电工工具箱', unit: '套', standard: 2, location: '储藏室 7-3' },
    { category: '工具维修类', name: '铝合金梯子', unit: '架', standard: 2, location: '储藏室门后' },
    { category: '个人防护类', name: '绝缘手套', unit: '副', standard: 10, location: '储藏室 8-1', expiresInDays: 700 },
    { category: '个人防护类', name: '安全帽', unit: '顶', standard: 20, location: '储藏室 8-2' },
    { category: '个人防护类', name: '反光背心', unit: '件', standard: 20, location: '储藏室 8-3' },
    { category: '生活保障类', name: '饮用水', unit: '箱', standard: 20, consumable: true, location: '储藏室 9-1', expiresInDays: 210 },
    { category: '生活保障类', name: '方便食品', unit: '箱', standard: 10, consumable: true, location: '储藏室 9-2', expiresInDays: -4 },
    { category: '生活保障类', name: '应急毛毯', unit: '条', standard: 20, location: '储藏室 9-3' },
  ],
  restocks: [['防汛沙袋', 100, 140], ['饮用水', 10, 95], ['医用口罩', 10, 60]],
  team: [
    { name: '刘建华', teamRole: 'leader', side: 'property', skills: ['电工', '破拆', '驾驶'], note: '众悦欣物业工程主管' },
    { name: '潘雨薇', teamRole: 'deputy', side: 'community', skills: ['指挥协调', '急救'], account: 'community3', phone: '13607106603' },
    { name: '张志强', teamRole: 'member', side: 'property', skills: ['水电维修', '破拆', '挪车'], account: 'rescue1', phone: '13872201111' },
    { name: '王磊', teamRole: 'member', side: 'property', skills: ['电工', '消防'] },
    { name: '陈俊', teamRole: 'member', side: 'property', skills: ['水电维修', '管道抢修'] },
    { name: '宋涛', teamRole: 'member', side: 'property', skills: ['驾驶', '排水泵操作'] },
    { name: '赵海燕', teamRole: 'member', side: 'community', skills: ['急救', '心理疏导'] },
    { name: '黄丽', teamRole: 'member', side: 'community', skills: ['物资管理', '急救'] },
    { name: '周强', teamRole: 'member', side: 'volunteer', skills: ['驾驶', '搜救'], note: '党员先锋队' },
    { name: '孙建国', teamRole: 'member', side: 'volunteer', skills: ['消防', '疏散引导'], note: '退役军人' },
    { name: '吴秀兰', teamRole: 'member', side: 'volunteer', skills: ['急救', '心肺复苏'], note: '社区卫生服务站护士' },
    { name: '何鹏', teamRole: 'member', side: 'volunteer', skills: ['挪车', '驾驶'], note: '邻里帮帮团' },
  ],
  holders: [
    { name: '潘雨薇', side: 'community', organisation: '新华社区党委', keyLabel: '驿站正门钥匙', account: 'community3', phone: '13607106603' },
    { name: '黄丽', side: 'community', organisation: '新华社区居委会', keyLabel: '驿站正门备用钥匙' },
    { name: '刘建华', side: 'property', organisation: '众悦欣物业', keyLabel: '器材室钥匙' },
    { name: '张志强', side: 'property', organisation: '众悦欣物业', keyLabel: '器材室备用钥匙', account: 'rescue1', phone: '13872201111' },
  ],
  rollCalls: { count: 6, latestDaysAgo: 1, latestMissing: ['黄丽', '张志强'], latestOpen: true, onBehalf: ['刘建华', '黄丽'] },
  drills: [
    {
      kind: 'training', title: '应急救援装备使用培训（破拆工具、漏电检测仪、挪车器）', march: { day: 9, hour: 14 }, durationMinutes: 150,
      location: '红色驿站二楼活动室及楼前空地', trainer: '襄阳高新区消防救援大队', practised: ['液压破拆工具组操作', '无齿锯安全使用', '漏电检测仪使用', '挪车器移车'],
      absent: ['何鹏'], uses: [['液压破拆工具组', 1], ['漏电检测仪', 2], ['挪车器', 2]], notes: '消防员示范后分组实操，每人至少操作一次破拆工具',
    },
    {
      kind: 'training', title: '心肺复苏与AED急救培训', march: { day: 23, hour: 9 }, durationMinutes: 120,
      location: '红色驿站二楼活动室', trainer: '襄阳市中心医院急诊科', practised: ['心肺复苏', 'AED使用', '止血包扎', '伤员搬运'],
      absent: [], uses: [['自动体外除颤器（AED）', 1], ['折叠担架', 2]], notes: '12名队员全部通过心肺复苏考核',
    },
    {
      kind: 'drill', title: '防汛排涝应急演练', daysAgo: 168, hour: 15, durationMinutes: 90, location: '锦绣华庭地下车库入口',
      practised: ['沙袋围堵', '排水泵架设', '人员转移'], absent: ['吴秀兰', '孙建国'], uses: [['移动式排水泵', 2], ['雨衣', 10], ['铁锹', 6]],
    },
    {
      kind: 'drill', title: '消防疏散与初起火灾扑救演练', daysAgo: 79, hour: 10, durationMinutes: 80, location: '众悦欣·新华苑中心广场', trainer: '七里河街道消防站',
      practised: ['干粉灭火器使用', '灭火毯使用', '楼栋疏散引导'], absent: ['宋涛'], uses: [['扩音喇叭', 2], ['灭火毯', 2]],
    },
    {
      kind: 'drill', title: '夜间水管爆裂处置演练', daysAgo: 17, hour: 20, durationMinutes: 70, location: '众悦欣·新华苑3号楼地下室',
      practised: ['关阀止水', '应急堵漏', '夜间照明架设', '钥匙夜间取用'], absent: ['赵海燕', '何鹏', '周强'], uses: [['移动照明灯组', 1], ['应急堵漏工具包', 1], ['头灯', 6]],
      notes: '模拟凌晨2点报警，从电话通知到物资出库用时9分钟',
    },
  ],
  incidents: [
    {
      kind: 'flooding', title: '锦绣华庭地下车库入口积水倒灌', description: '暴雨后雨水漫过车库坡道，危及地下车库车辆', daysAgo: 152, hour: 16, minute: 40,
      where: '锦绣华庭', locationText: '锦绣华庭地下车库入口', responders: ['刘建华', '宋涛', '陈俊', '周强', '何鹏'],
      uses: [['防汛沙袋', 60], ['移动式排水泵', 2], ['雨衣', 5]], outcome: '沙袋围堵坡道、两台排水泵连续抽排3小时，车库未进水',
    },
    {
      kind: 'blocked_car', title: '车辆堵门', description: '一辆私家车堵住单元门和消防通道，车主联系不上', daysAgo: 58, hour: 22, minute: 15,
      where: '众悦欣·新华苑', locationText: '众悦欣·新华苑5号楼楼下', requestQuery: '堵门', responders: ['张志强', '何鹏'],
      uses: [['挪车器', 1]], outcome: '使用挪车器将车辆平移至临时车位，消防通道恢复畅通',
    },
    {
      kind: 'power', title: '七里河村自建房电线老化漏电', description: '住户反映墙面带电、有麻手感', daysAgo: 26, hour: 19, minute: 5,
      where: '七里河村自建房片区', locationText: '七里河村二组12号', responders: ['刘建华', '王磊'],
      uses: [['漏电检测仪', 1], ['绝缘手套', 2]], outcome: '检测确认线路漏电，已断电并联系供电所更换入户线',
    },
    {
      kind: 'burst_pipe', title: '楼道水管爆裂', description: '凌晨楼道主水管爆裂，水流进两户住户家中', daysAgo: 9, hour: 2, minute: 10,
      where: '众悦欣·新华苑', locationText: '众悦欣·新华苑3号楼2单元', requestQuery: '水管', responders: ['张志强', '陈俊', '刘建华'],
      uses: [['管钳', 1], ['应急堵漏工具包', 1], ['强光手电', 2]], outcome: '关闭总阀、临时堵漏，早上7点物业更换爆裂管段，已恢复供水',
    },
    {
      kind: 'medical', title: '卧龙小区老人夜间摔倒', description: '独居老人在家中摔倒无法起身，邻居听到呼救', daysAgo: 1, hour: 23, minute: 30,
      where: '卧龙小区', locationText: '卧龙小区2号楼1单元301', responders: ['吴秀兰', '赵海燕'], uses: [['折叠担架', 1]],
    },
  ],
  loans: [
    { item: '铝合金梯子', quantity: 1, purpose: 'loan', reason: '居民借用更换楼道灯泡', by: '黄丽', borrower: '杨桂英', daysAgo: 40, dueHours: 48, returnedAfterHours: 20 },
    { item: '对讲机', quantity: 4, purpose: 'other', reason: '社区重阳节活动秩序维护', by: '潘雨薇', daysAgo: 63, dueHours: 24, returnedAfterHours: 8 },
    { item: '饮用水', quantity: 4, purpose: 'other', reason: '高温天气为环卫工人送水', by: '黄丽', daysAgo: 120, dueHours: 24 },
    { item: '医用口罩', quantity: 6, purpose: 'other', reason: '流感季社区老人发放', by: '赵海燕', daysAgo: 30, dueHours: 24 },
    { item: '绝缘救援杆', quantity: 1, purpose: 'inspection', reason: '物业电工巡检配电房', by: '王磊', daysAgo: 3, dueHours: 48 },
    { item: '强光手电', quantity: 2, purpose: 'loan', reason: '居民夜间寻找走失老人', by: '黄丽', borrower: '李建国', daysAgo: 1, dueHours: 72 },
  ],
};

export const dingliStation: StationSpec = {
  community: '鼎立社区', company: '鸿翔物业', name: '鼎立社区应急服务站',
  address: '开封市鼓楼区州桥街道鼎立路18号（社区党群服务中心一楼）', locationNote: '党群服务中心一楼西侧物资室；夜间由物业门岗取钥匙',
  alwaysOpen: false, opensAt: '08:00', closesAt: '20:00', dutyPhone: '0371-23381166', createdDaysAgo: 260,
  compounds: [{ name: '鼎立小区A区', linked: true, headcount: 112, address: '鼎立路18号' }, { name: '鼎立小区B区', linked: true, headcount: 80, address: '鼎立路26号' }],
  urbanVillages: [],
  shops: 6,
  rescue: [
    { category: '破拆救援类', name: '液压破拆工具组', unit: '套', standard: 1, location: '物资室 A-1', ...inspect(90, 50) },
    { category: '破拆救援类', name: '无齿锯', unit: '台', standard: 1, location: '物资室 A-2', ...inspect(90, 50) },
    { category: '排水抢险类', name: '移动式排水泵', unit: '台', standard: 1, location: '物资室 B-1', ...inspect(60, 65) },
    { category: '排水抢险类', name: '应急发电机', unit: '台', standard: 1, location: '物资室 B-2', ...inspect(30, 10) },
  ],
  supplies: [
    { category: '交通疏导类', name: '挪车器', unit: '台', standard: 1, location: '物资室 1-1' },
    { category: '交通疏导类', name: '反光锥', unit: '个', standard: 10, location: '物资室 1-2' },
    { category: '交通疏导类', name: '警示隔离带', unit: '卷', standard: 5, consumable: true, location: '物资室 1-3' },
    { category: '防汛排涝类', name: '防汛沙袋', unit: '个', standard: 100, start: 100, consumable: true, location: '物资室地面' },
    { category: '防汛排涝类', name: '雨衣', unit: '件', standard: 10, location: '物资室 2-1' },
    { category: '防汛排涝类', name: '铁锹', unit: '把', standard: 6, location: '物资室 2-2' },
    { category: '消防器材类', name: '干粉灭火器', unit: '具', standard: 10, location: '物资室 3-1', expiresInDays: 380, ...inspect(30, 15) },
    { category: '消防器材类', name: '灭火毯', unit: '块', standard: 6, location: '物资室 3-2', expiresInDays: 500 },
    { category: '照明通讯类', name: '强光手电', unit: '把', standard: 6, location: '物资室 4-1' },
    { category: '照明通讯类', name: '对讲机', unit: '台', standard: 4, location: '物资室 4-2' },
    { category: '医疗急救类', name: '急救箱', unit: '个', standard: 2, location: '物资室 5-1', expiresInDays: 150 },
    { category: '医疗急救类', name: '止血带', unit: '根', standard: 10, consumable: true, location: '物资室 5-1' },
    { category: '防寒保暖类', name: '棉被', unit: '床', standard: 10, location: '物资室 6-1' },
    { category: '防寒保暖类', name: '暖贴', unit: '包', standard: 30, start: 30, consumable: true, location: '物资室 6-2', expiresInDays: 400 },
  ],
  restocks: [['防汛沙袋', 40, 100]],
  team: [
    { name: '王建军', teamRole: 'leader', side: 'property', skills: ['电工', '破拆'], account: 'property1', phone: '13703785501' },
    { name: '李红梅', teamRole: 'deputy', side: 'community', skills: ['指挥协调'], account: 'community1', phone: '13603786601' },
    { name: '杜永刚', teamRole: 'member', side: 'property', skills: ['水电维修', '暖气抢修'] },
    { name: '韩冬梅', teamRole: 'member', side: 'community', skills: ['急救'] },
    { name: '马卫东', teamRole: 'member', side: 'volunteer', skills: ['驾驶', '挪车'] },
    { name: '高秀珍', teamRole: 'member', side: 'volunteer', skills: ['急救', '心肺复苏'] },
  ],
  holders: [
    { name: '李红梅', side: 'community', organisation: '鼎立社区居委会', keyLabel: '物资室正门钥匙', account: 'community1', phone: '13603786601' },
    { name: '王建军', side: 'property', organisation: '鸿翔物业', keyLabel: '物资室备用钥匙', account: 'property1', phone: '13703785501' },
    { name: '周敏', side: 'property', organisation: '鸿翔物业门岗', keyLabel: '夜间门岗钥匙' },
  ],
  rollCalls: { count: 4, latestDaysAgo: 20, latestMissing: ['王建军'], latestOpen: false, onBehalf: ['周敏'] },
  drills: [
    {
      kind: 'drill', title: '冬季供暖管道爆裂应急演练', daysAgo: 41, hour: 9, durationMinutes: 90, location: '鼎立小区B区换热站', trainer: '开封市热力有限公司',
      practised: ['关阀泄压', '排水泵架设', '住户临时安置'], absent: ['马卫东'], uses: [['移动式排水泵', 1], ['棉被', 4]],
    },
  ],
  incidents: [
    {
      kind: 'burst_pipe', title: '暖气管爆裂', description: '楼道暖气立管爆裂，热水外溢', daysAgo: 12, hour: 5, minute: 40,
      where: '鼎立小区B区', locationText: '鼎立小区B区楼道', requestQuery: '暖气', responders: ['王建军', '杜永刚'],
      uses: [['移动式排水泵', 1], ['强光手电', 2]], outcome: '热力公司关阀抢修，物业排水清理，当天恢复供暖',
    },
  ],
  loans: [
    { item: '强光手电', quantity: 1, purpose: 'loan', reason: '居民夜间检修自家电路', by: '李红梅', borrower: '郑秀英', daysAgo: 5, dueHours: 72 },
    { item: '暖贴', quantity: 10, purpose: 'other', reason: '慰问独居老人', by: '李红梅', daysAgo: 15, dueHours: 24 },
  ],
};

const shopPrefixes = ['新华', '七里河', '惠民', '邻里', '佳佳', '兴旺', '和顺', '顺发', '红光', '长虹', '福满', '鑫源', '金鼎', '万家', '阳光', '老街'];
const shopKinds = ['便民超市', '大药房', '五金店', '早餐店', '理发店', '快递驿站', '水果店', '烟酒店', '汽车修理', '牛肉面馆', '干洗店', '电动车维修', '粮油店', '文具店', '母婴店', '茶叶店', '诊所', '面包房'];

/** `n` distinct plausible shop names, in a deterministic order. */
export function shopNames(n: number, pick: (i: number, k: number) => [number, number]): string[] {
  const out = new Set<string>();
  for (let i = 0; out.size < n && i < n * 20; i++) {
    const [a, b] = pick(shopPrefixes.length, shopKinds.length);
    out.add(`${shopPrefixes[a]}${shopKinds[b]}`);
  }
  return [...out];
}
