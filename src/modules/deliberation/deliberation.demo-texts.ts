/* The demo's words, from the seeds: Xiangyang's 卧龙小区 (5 小板凳议事会, 138 opinions, then 91 households paying), Kaifeng's 三方会诊. */

type Side = 'party_organisation' | 'residents_committee' | 'owners_committee' | 'property_company' | 'resident' | 'local_unit' | 'other';
const a = (name: string, side: Side) => ({ name, side });

export const opinionTexts: Record<string, Record<'support' | 'oppose' | 'suggestion', string[]>> = {
  hygiene: {
    support: ['同意先把楼道垃圾清掉，我家可以出人。', '支持每周搞一次大扫除，党员带头我们跟上。', '垃圾堆在2号楼后面好几年了，早该管管。', '赞成请环卫车定时来拉，费用大家摊。'],
    oppose: ['光靠大家自觉扫不长久，还是要有人专门管。', '老年人多，出力清扫有困难。'],
    suggestion: ['建议每栋楼选一个楼长，负责督促。', '垃圾桶放在大门口，别放楼下，夏天太臭。', '可以联系街道城管中队帮忙清运一次大件垃圾。'],
  },
  selfgov: {
    support: ['同意成立自治小组，选几个热心肠的邻居。', '没有物业就自己管，社区党委指导我们放心。', '支持自治，账目一定要公开。', '我愿意报名参加自治小组。'],
    oppose: ['自治小组谁来负责？出了事找谁？', '还是希望引进一家物业公司。'],
    suggestion: ['自治小组成员要公示，接受大家监督。', '建议请社区党委书记当指导员。', '每季度开一次小板凳会通报情况。'],
  },
  fee: {
    support: ['每户每月20元可以接受，比请物业便宜。', '同意按月收，收支贴在公示栏上。', '钱用在清运垃圾和路灯上，我愿意交。'],
    oppose: ['退休工资不高，20元有点多。', '有的人不交怎么办？不公平。'],
    suggestion: ['建议困难户减半收取。', '可以微信扫码交，年轻人方便。', '每月公示要有发票照片。', '先收半年看看效果。'],
  },
  parking: {
    support: ['赞成划车位，现在晚上消防通道都堵了。', '支持建集中充电点，楼道充电太危险。'],
    oppose: ['小区太小了，划了车位也不够停。'],
    suggestion: ['外来车辆收费，本小区免费。', '充电桩装在2号楼东侧空地比较合适。', '电动车充电按度收费，别包月。'],
  },
  review: {
    support: ['半年下来小区干净多了，感谢自治小组。', '账目清楚，继续这样公示。', '路灯修好了，晚上出门放心。'],
    oppose: ['收支表看不太懂，能不能讲解一下。'],
    suggestion: ['建议下半年把3号楼雨棚修一修。', '垃圾清运可以再加一次。', '自治小组成员可以轮换。'],
  },
  charging: {
    support: ['支持建集中充电车棚，楼道充电太吓人了。', '同意清楼道，我家第一个配合。', '赞成，收费合理就行。'],
    oppose: ['东门离12号楼太远，推车过去不方便。', '车棚收费不要太高，不然还是有人偷偷在家充。'],
    suggestion: ['建议按次收费，一次一元左右。', '过渡期一个月，先劝导后处罚。', '车棚要装监控和灭火器。', '可以在8号楼北侧再设一个点。'],
  },
};

export const wolongStory = {
  topics: [
    { key: 'hygiene', title: '小区没有物业，楼道垃圾和环境卫生怎么解决？', body: '卧龙小区建于1998年，原产权单位撤出后无物业管理，2号楼后长期堆放垃圾，楼道杂物多。请大家出主意：卫生谁来管、费用怎么办。', opinions: 34, support: 0.55, daysAgo: 150 },
    { key: 'selfgov', title: '是否成立居民自治管理小组，实行自治管理？', body: '社区党委建议：在社区党委指导下，由居民推选7名热心居民组成自治管理小组，负责小区日常管理，重大事项开小板凳议事会商量。请大家发表意见。', opinions: 31, support: 0.62, daysAgo: 120 },
    { key: 'fee', title: '自治管理服务费怎么定、怎么收、怎么公开？', body: '自治小组测算：垃圾清运、楼道保洁、路灯电费和小修每年约需2.3万元，按96户计每户每月约20元。请对收费标准、收取方式和公示办法提意见。', opinions: 29, support: 0.5, daysAgo: 95 },
    { key: 'parking', title: '小区停车和电动车充电如何规范？', body: '小区内车辆乱停堵住消防通道，电动车楼道充电隐患大。拟在主路一侧划定停车位，在2号楼东侧建集中充电点。', opinions: 24, support: 0.5, daysAgo: 70 },
    { key: 'review', title: '自治管理小组半年工作和收支情况通报', body: '自治小组向全体居民通报半年工作：垃圾清运、楼道清理、路灯维修等，并公示服务费收支明细，请大家评议。', opinions: 20, support: 0.6, daysAgo: 40 },
  ],
  meetings: [
    { type: 'small_bench' as const, title: '第一次小板凳议事会：小区环境卫生怎么管', location: '卧龙小区2号楼前空地', daysAgo: 150, topicIndex: 0, otherAttendance: 21,
      attendees: [a('潘雨薇', 'party_organisation'), a('刘建国', 'residents_committee'), a('王桂兰', 'resident'), a('张德明', 'resident'), a('李秀珍', 'resident')],
      minutes: '社区党委书记潘雨薇主持。居民反映2号楼后垃圾长期堆放、楼道杂物多。经商议：由党员带头每周六组织楼栋清扫；联系七里河街道城管中队清运一次大件垃圾；每栋楼推选一名楼长。',
      decisions: [{ title: '每周六上午由党员带头组织楼栋清扫，每栋楼推选一名楼长', ownerName: '刘建国', ownerParty: 'residents_committee' as const, dueInDays: 14, follow: ['已推选4名楼长，首次清扫清出垃圾3车', '清扫已坚持四周，形成制度'], done: true }] },
    { type: 'small_bench' as const, title: '第二次小板凳议事会：要不要实行居民自治', location: '卧龙小区2号楼前空地', daysAgo: 120, topicIndex: 1, otherAttendance: 28,
      attendees: [a('潘雨薇', 'party_organisation'), a('刘建国', 'residents_committee'), a('陈志强', 'resident'), a('赵淑芬', 'resident'), a('周永军', 'resident'), a('孙丽华', 'resident')],
      minutes: '与会居民充分讨论了引进物业和自治管理两种办法。小区户数少、房龄老，引进物业成本高。多数居民赞成在社区党委指导下实行居民自治，推选自治管理小组7人，成员名单公示7天。',
      decisions: [{ title: '卧龙小区实行居民自治管理，在社区党委指导下成立居民自治管理小组（7人）', ownerName: '潘雨薇', ownerParty: 'party_organisation' as const, dueInDays: 21, follow: ['自治小组候选人名单已公示', '公示期满无异议，自治管理小组正式成立并挂牌'], done: true }] },
    { type: 'small_bench' as const, title: '第三次小板凳议事会：自治管理服务费', location: '新华社区党群服务中心', daysAgo: 95, topicIndex: 2, otherAttendance: 33,
      attendees: [a('潘雨薇', 'party_organisation'), a('陈志强', 'owners_committee'), a('赵淑芬', 'owners_committee'), a('王桂兰', 'resident'), a('吴国平', 'resident'), a('郑小燕', 'resident'), a('黄明', 'resident'), a('冯玉兰', 'resident')],
      minutes: '自治小组通报费用测算。经议定：服务费每户每月20元，困难户减半，按季度收取，可微信扫码缴纳；收支每月在公示栏和居民群公示，附票据照片。会后首月已有91户缴纳。',
      decisions: [
        { title: '自治管理服务费每户每月20元（困难户减半），按月公示收支', ownerName: '陈志强', ownerParty: 'owners_committee' as const, dueInDays: 30, follow: ['收费标准已公示', '首月91户缴纳，缴费率95%，收支已公示'], done: true },
      ] },
    { type: 'small_bench' as const, title: '第四次小板凳议事会：停车和电动车充电', location: '卧龙小区2号楼前空地', daysAgo: 70, topicIndex: 3, otherAttendance: 24,
      attendees: [a('潘雨薇', 'party_organisation'), a('陈志强', 'owners_committee'), a('张德明', 'resident'), a('李秀珍', 'resident'), a('周永军', 'resident')],
      minutes: '议定在主路南侧划定12个停车位，外来车辆临时停放收费；在2号楼东侧空地建电动车集中充电点，申请街道支持安装充电桩。',
      decisions: [
        { title: '主路南侧划定12个停车位，保持消防通道畅通', ownerName: '陈志强', ownerParty: 'owners_committee' as const, dueInDays: 20, follow: ['车位已划线，消防通道设置禁停标识'], done: true },
        { title: '2号楼东侧建电动车集中充电点（8个充电口）', ownerName: '赵淑芬', ownerParty: 'owners_committee' as const, dueInDays: 60, follow: ['已向七里河街道提交充电桩安装申请', '供电方案已确定，等待施工'], done: false },
      ] },
    { type: 'small_bench' as const, title: '第五次小板凳议事会：半年工作和收支评议', location: '新华社区党群服务中心', daysAgo: 40, topicIndex: 4, otherAttendance: 30,
      attendees: [a('潘雨薇', 'party_organisation'), a('刘建国', 'residents_committee'), a('陈志强', 'owners_committee'), a('赵淑芬', 'owners_committee'), a('王桂兰', 'resident'), a('吴国平', 'resident'), a('孙丽华', 'resident')],
      minutes: '自治小组通报半年收支：收入约1.1万元，支出垃圾清运、楼道保洁、路灯维修等约0.96万元，结余滚存。居民评议满意。议定下半年维修3号楼单元雨棚。',
      decisions: [{ title: '维修3号楼1、2单元雨棚', ownerName: '陈志强', ownerParty: 'owners_committee' as const, dueInDays: 45, follow: ['已询价三家，选定施工队'], done: false }] },
  ],
  dingliMeetings: [
    { type: 'tripartite' as const, title: '三方会诊：12号楼顶楼漏水久修不好', location: '鼎立社区党群服务中心', daysAgo: 20, otherAttendance: 4,
      attendees: [a('李红梅', 'party_organisation'), a('孙卫东', 'owners_committee'), a('鸿翔物业 王经理', 'property_company'), a('郑秀英', 'resident')],
      minutes: '党支部、鸿翔物业、业委会"坐在一条板凳上"会诊12号楼顶楼漏水问题。议定：物业一周内完成屋面防水修补，费用先由维修资金应急列支，业委会监督验收。',
      decisions: [{ title: '鸿翔物业7日内完成12号楼屋面防水修补，业委会验收', ownerName: '鸿翔物业 王经理', ownerParty: 'property_company' as const, dueInDays: 7, follow: ['防水施工完成', '业委会与住户共同验收合格'], done: true }] },
    { type: 'manager_reception' as const, title: '物业经理接待日（1月）', location: '鼎立小区A区物业服务中心', daysAgo: 9, otherAttendance: 17,
      attendees: [a('鸿翔物业 王经理', 'property_company'), a('李红梅', 'residents_committee')],
      minutes: '接待居民17人次，主要反映楼道电动车充电、冬季暖气不热、地下车库照明。当场答复11件，6件登记跟进。',
      decisions: [{ title: '地下车库更换照明灯具30盏', ownerName: '鸿翔物业 王经理', ownerParty: 'property_company' as const, dueInDays: 15, follow: ['灯具已采购'], done: false }] },
    { type: 'public_sentiment' as const, title: '民情恳谈会：楼道电动车充电治理', location: '鼎立社区党群服务中心', daysAgo: 2, topicIndex: 0, otherAttendance: 22,
      attendees: [a('李红梅', 'party_organisation'), a('孙卫东', 'owners_committee'), a('鸿翔物业 王经理', 'property_company'), a('马海涛', 'residents_committee')],
      minutes: '听取居民对集中充电车棚选址和收费的意见。初步议定东门和8号楼北侧各设一处，按次收费，过渡期一个月先劝导。意见征集期结束后再定方案。',
      decisions: [{ title: '东门、8号楼北侧各建一处集中充电车棚，征求意见后定收费方案', ownerName: '孙卫东', ownerParty: 'owners_committee' as const, dueInDays: 30, follow: [], done: false }] },
  ],
};
