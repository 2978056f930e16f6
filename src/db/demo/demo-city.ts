/*
 * The demo city, built from the places the four source reports name (shared/seeds): Kaifeng's
 * 鼎立社区 with 鸿翔物业 and the new 橄榄城社区; Xiangyang's 新华社区 with 众悦欣物业 and the
 * self-governed 卧龙小区; Jiayuguan's 祁连社区 with 和诚物业 serving several compounds; Changji's
 * 海棠尊邸 with 嘉美物业. Streets, buildings and coordinates are plausible, not surveyed.
 */

export interface CompoundSpec {
  name: string;
  aliases?: string[];
  address: string;
  lat: number;
  lng: number;
  company?: string;
  builtYear: number;
  /** Building names, e.g. ['1号楼', …]; or a count to name them N号楼. */
  buildings: number | string[];
  unitsPerBuilding: number;
  floors: number;
  perLanding: number;
  area: [number, number];
  /** Exact household count (trims the generated set), e.g. 卧龙小区's 96 households. */
  households?: number;
}

export interface CommunitySpec {
  name: string;
  district: string;
  street: string;
  address: string;
  lat: number;
  lng: number;
  compounds: CompoundSpec[];
  gridBranches: string[];
  localUnits?: { name: string; phone: string }[];
}

export interface CitySpec {
  code: string;
  name: string;
  province: string;
  /** First six digits of resident ID numbers issued here. */
  idRegion: string;
  companies: { name: string; shortName: string; phone: string }[];
  communities: CommunitySpec[];
  localUnits: { name: string; phone: string }[];
}

export const demoCities: CitySpec[] = [
  {
    code: 'kaifeng', name: '开封市', province: '河南省', idRegion: '410202',
    companies: [
      { name: '开封鸿翔物业服务有限公司', shortName: '鸿翔物业', phone: '0371-23381166' },
      { name: '开封宏润物业服务有限公司', shortName: '宏润物业', phone: '0371-22906688' },
    ],
    localUnits: [
      { name: '开封市热力有限公司', phone: '0371-25959999' },
      { name: '国网开封供电公司', phone: '95598' },
      { name: '开封市市政设施维护中心', phone: '0371-23560123' },
      { name: '开封市城市管理局鼓楼分局', phone: '0371-25662310' },
    ],
    communities: [
      {
        name: '鼎立社区', district: '鼓楼区', street: '州桥街道', address: '开封市鼓楼区州桥街道鼎立路18号',
        lat: 34.7912, lng: 114.3489, gridBranches: ['鼎立社区第一网格党支部', '鼎立社区第二网格党支部'],
        compounds: [
          {
            name: '鼎立小区A区', aliases: ['鼎立A区', '鼎立小区A'], address: '开封市鼓楼区鼎立路18号', lat: 34.7918, lng: 114.3481,
            company: '鸿翔物业', builtYear: 2009, buildings: 14, unitsPerBuilding: 2, floors: 6, perLanding: 2, area: [62, 128],
          },
          {
            name: '鼎立小区B区', aliases: ['鼎立B区', '鼎立小区B'], address: '开封市鼓楼区鼎立路26号', lat: 34.7901, lng: 114.3502,
            company: '鸿翔物业', builtYear: 2012, buildings: 10, unitsPerBuilding: 2, floors: 6, perLanding: 2, area: [75, 140],
          },
        ],
      },
      {
        name: '橄榄城社区', district: '龙亭区', street: '北书店街街道', address: '开封市龙亭区金明大道橄榄城',
        lat: 34.8153, lng: 114.3012, gridBranches: ['橄榄城社区网格党支部'],
        compounds: [
          {
            name: '橄榄城1期', aliases: ['橄榄城一期'], address: '开封市龙亭区金明大道66号', lat: 34.8161, lng: 114.3004,
            company: '宏润物业', builtYear: 2019, buildings: 8, unitsPerBuilding: 2, floors: 11, perLanding: 2, area: [89, 143],
          },
          {
            name: '橄榄城2期', aliases: ['橄榄城二期'], address: '开封市龙亭区金明大道88号', lat: 34.8142, lng: 114.3025,
            company: '宏润物业', builtYear: 2021, buildings: 8, unitsPerBuilding: 2, floors: 11, perLanding: 2, area: [95, 156],
          },
        ],
      },
    ],
  },
  {
    code: 'xiangyang', name: '襄阳市', province: '湖北省', idRegion: '420602',
    companies: [{ name: '襄阳众悦欣物业服务有限公司', shortName: '众悦欣物业', phone: '0710-3219988' }],
    localUnits: [{ name: '襄阳高新区七里河街道城管中队', phone: '0710-3301122' }],
    communities: [
      {
        name: '新华社区', district: '襄阳高新区', street: '七里河街道', address: '襄阳市高新区七里河街道新华路9号',
        lat: 32.0712, lng: 112.1583, gridBranches: ['新华社区网格党支部'],
        compounds: [
          {
            name: '众悦欣·新华苑', aliases: ['新华苑'], address: '襄阳市高新区新华路11号', lat: 32.0718, lng: 112.1579,
            company: '众悦欣物业', builtYear: 2015, buildings: 9, unitsPerBuilding: 2, floors: 7, perLanding: 2, area: [70, 135],
          },
          {
            name: '卧龙小区', aliases: ['卧龙'], address: '襄阳市高新区七里河路卧龙巷3号', lat: 32.0698, lng: 112.1601,
            builtYear: 1998, buildings: 4, unitsPerBuilding: 2, floors: 6, perLanding: 2, area: [48, 92], households: 96,
          },
        ],
      },
    ],
  },
  {
    code: 'jiayuguan', name: '嘉峪关市', province: '甘肃省', idRegion: '620201',
    companies: [{ name: '甘肃中核和诚物业管理有限公司', shortName: '和诚物业', phone: '0937-6225566' }],
    localUnits: [{ name: '嘉峪关市热力公司', phone: '0937-6318888' }],
    communities: [
      {
        name: '祁连社区', district: '雄关区', street: '五一街道', address: '嘉峪关市雄关区祁连路36号',
        lat: 39.8021, lng: 98.2891, gridBranches: ['祁连社区网格党支部'],
        compounds: [
          { name: '祁连小区', address: '嘉峪关市祁连路36号', lat: 39.8025, lng: 98.2885, company: '和诚物业', builtYear: 1996, buildings: 6, unitsPerBuilding: 3, floors: 5, perLanding: 2, area: [55, 98] },
          { name: '和诚嘉苑', address: '嘉峪关市祁连路52号', lat: 39.8032, lng: 98.2907, company: '和诚物业', builtYear: 2006, buildings: 5, unitsPerBuilding: 2, floors: 6, perLanding: 2, area: [72, 120] },
          { name: '雄关花园', address: '嘉峪关市新华南路15号', lat: 39.8009, lng: 98.2872, company: '和诚物业', builtYear: 2001, buildings: 5, unitsPerBuilding: 2, floors: 6, perLanding: 2, area: [65, 110] },
        ],
      },
    ],
  },
  {
    code: 'changji', name: '昌吉市', province: '新疆维吾尔自治区', idRegion: '652301',
    companies: [{ name: '新疆嘉美物业服务有限公司', shortName: '嘉美物业', phone: '0994-2356677' }],
    localUnits: [],
    communities: [
      {
        name: '园区核心区社区', district: '昌吉国家农业科技园区', street: '园区街道', address: '昌吉国家农业科技园区核心区海棠路',
        lat: 44.0532, lng: 87.3551, gridBranches: ['海棠尊邸网格党支部'],
        compounds: [
          { name: '海棠尊邸', address: '昌吉国家农业科技园区海棠路8号', lat: 44.0538, lng: 87.3546, company: '嘉美物业', builtYear: 2021, buildings: 8, unitsPerBuilding: 2, floors: 11, perLanding: 2, area: [90, 145] },
        ],
      },
    ],
  },
];

export const DEMO_PASSWORD = 'gongzhi-demo';
