import { z } from 'zod';
import { readJsonOrMultipart } from '../../kernel/multipart.js';
import { actorOf, type App } from '../../server/context.js';
import {
  accountBadgesDto, approveMemberBody, badgesQuery, confirmBody, createPostBody, createTeamBody, createWishBody, declineBody, endPostBody, fulfilBody, honourDto, honourQuery, honourStreetsDto, idParam, ledgerDto, ledgerQuery,
  memberDetailDto, memberListQuery, memberPage, noteBody, pointsRuleBody, pointsRuleDto, pointsRuleQuery, postParam, registerMemberBody, servingMembersDto, teamDto, teamLeaderBody, teamListDto,
  teamListQuery, teamMemberBody, teamMemberParam, transferMemberBody, transferTargetsDto, wishDetailDto, wishFiguresDto, wishFiguresQuery, wishListQuery, wishPage,
} from './members.dto.js';
import { honourRoll, honourStreets, streetHonourRoll } from './members.honour.js';
import {
  accountBadges, addPost, createTeam, decideMember, getMember, getPointsRule, leaveMember, listMembers, listTeams, registerMember, serviceLedgerOf, servingMembers, setPointsRule, transferMember,
} from './members.service.js';
import { addTeamMember, endPost, removeTeamMember, setTeamLeader, transferTargets } from './members.keeping.js';
import { claimWish, createWish, fulfilWish, getWish, listWishes, stepWish, wishFigures, wishPhoto } from './wishes.service.js';

const tags = ['members'];
type MemberPermission = 'wishes:read' | 'wishes:post' | 'wishes:manage' | 'wishes:claim' | 'wishes:review' | 'members:read' | 'members:register' | 'members:approve' | 'members:manage' | 'members:serving';
const perm = (permission: MemberPermission) => ({ access: { permission } });

/** 微心愿 and the registry: thin handlers (validate → one service call → present). */
export function registerMemberRoutes(app: App): void {
  const ctx = app.ctx;
  const wish = (req: Parameters<typeof actorOf>[0], wishId: number) => getWish({ ctx, actor: actorOf(req), wishId });
  const member = (req: Parameters<typeof actorOf>[0], memberId: number) => getMember({ ctx, actor: actorOf(req), memberId });

  app.get('/api/wishes', { config: perm('wishes:read'), schema: { tags, summary: 'Wishes the actor sees: residents their compound\'s public ones, members their communities\', staff all of theirs', querystring: wishListQuery, response: { 200: wishPage } } },
    async (req) => listWishes({ ctx, actor: actorOf(req), query: req.query }));
  app.post('/api/wishes', { config: perm('wishes:post'), schema: { tags, summary: 'Post a wish (a resident for their compound, staff on behalf of one); staff review it before it is public', body: createWishBody, response: { 201: wishDetailDto } } },
    async (req, reply) => reply.code(201).send(await wish(req, await createWish({ ctx, actor: actorOf(req), input: req.body }))));
  app.get('/api/wishes/:id', { config: perm('wishes:read'), schema: { tags, summary: 'One wish with its timeline and the actor\'s abilities', params: idParam, response: { 200: wishDetailDto } } },
    async (req) => wish(req, req.params.id));
  app.get('/api/wishes/:id/photo', { config: perm('wishes:read'), schema: { tags, summary: 'The fulfilment photo', params: idParam } },
    async (req, reply) => {
      const photo = await wishPhoto({ ctx, actor: actorOf(req), wishId: req.params.id });
      return reply.type(photo.mimeType).header('cache-control', 'private, max-age=86400').header('x-content-type-options', 'nosniff').send(photo.bytes);
    });

  const step = (path: string, action: 'approve' | 'reject' | 'release', summary: string, permission: MemberPermission) =>
    app.post(`/api/wishes/:id/${path}`, { config: perm(permission), schema: { tags, summary, params: idParam, body: noteBody, response: { 200: wishDetailDto } } },
      async (req) => {
        await stepWish({ ctx, actor: actorOf(req), wishId: req.params.id, action, note: req.body.note });
        return wish(req, req.params.id);
      });
  step('approve', 'approve', 'Staff review: the wish becomes public', 'wishes:manage');
  step('reject', 'reject', 'Staff review: the wish is refused (with a note to the poster)', 'wishes:manage');
  step('release', 'release', 'The claimant (or staff) gives the claim up: the wish returns to the pool', 'wishes:read');

  app.post('/api/wishes/:id/claim', { config: perm('wishes:claim'), schema: { tags, summary: '认领: exactly one claimant, decided by a conditional UPDATE (409 WISH_ALREADY_CLAIMED for the others)', params: idParam, body: z.strictObject({}), response: { 200: wishDetailDto } } },
    async (req) => {
      await claimWish({ ctx, actor: actorOf(req), wishId: req.params.id });
      return wish(req, req.params.id);
    });
  app.post('/api/wishes/:id/fulfil', { config: perm('wishes:claim'), schema: { tags, summary: 'The claimant fulfils it (multipart: a "data" JSON part {note, minutes} and the "photo")', params: idParam, response: { 200: wishDetailDto } } },
    async (req) => {
      const { body, files } = await readJsonOrMultipart(req, fulfilBody, { fileFields: ['photo'], maxFiles: 1, maxBytes: 5 * 1024 * 1024 });
      const photo = files[0] ? { bytes: files[0].bytes, mimeType: files[0].mimeType } : null;
      await fulfilWish({ ctx, actor: actorOf(req), wishId: req.params.id, input: body, photo });
      return wish(req, req.params.id);
    });
  app.post('/api/wishes/:id/confirm', { config: perm('wishes:read'), schema: { tags, summary: 'The resident (or staff) confirms: thanks public, hours and points credited once (a retry credits nothing more)', params: idParam, body: confirmBody, response: { 200: wishDetailDto } } },
    async (req) => {
      await stepWish({ ctx, actor: actorOf(req), wishId: req.params.id, action: 'confirm', note: req.body.thanks });
      return wish(req, req.params.id);
    });
  app.post('/api/wishes/:id/decline', { config: perm('wishes:read'), schema: { tags, summary: 'The resident (or staff) does not accept the fulfilment, with a reason: back to the claimant', params: idParam, body: declineBody, response: { 200: wishDetailDto } } },
    async (req) => {
      await stepWish({ ctx, actor: actorOf(req), wishId: req.params.id, action: 'decline', note: req.body.reason });
      return wish(req, req.params.id);
    });
  app.get('/api/wish-figures', { config: perm('wishes:review'), schema: { tags, summary: 'A community\'s wishes by month: posted, claimed, fulfilled, confirmed, median hours to claim and to fulfil', querystring: wishFiguresQuery, response: { 200: wishFiguresDto } } },
    async (req) => wishFigures({ ctx, actor: actorOf(req), communityId: req.query.communityId, year: req.query.year }));

  app.get('/api/members', { config: perm('members:read'), schema: { tags, summary: 'The registry: staff see their communities\' members (phones masked without people:read_pii); anyone their own registrations', querystring: memberListQuery, response: { 200: memberPage } } },
    async (req) => listMembers({ ctx, actor: actorOf(req), query: req.query }));
  app.post('/api/members', { config: perm('members:register'), schema: { tags, summary: '报到: register as a 自管/双报到 party member or a volunteer in the community one lives in; pending until approved', body: registerMemberBody, response: { 201: memberDetailDto } } },
    async (req, reply) => reply.code(201).send(await member(req, await registerMember({ ctx, actor: actorOf(req), input: req.body }))));
  app.get('/api/members/badges', { config: perm('members:serving'), schema: { tags, summary: '亮身份 on other pages: the badges (name, kind, posts; never a phone) of those accounts that are approved members of communities the actor sees', querystring: badgesQuery, response: { 200: accountBadgesDto } } },
    async (req) => accountBadges({ ctx, actor: actorOf(req), accountIds: req.query.accountIds }));
  app.get('/api/members/:id', { config: perm('members:read'), schema: { tags, summary: 'One registration: posts, teams, history, service totals', params: idParam, response: { 200: memberDetailDto } } },
    async (req) => member(req, req.params.id));
  app.post('/api/members/:id/approve', { config: perm('members:approve'), schema: { tags, summary: 'The community party committee approves (or, with decision "reject", refuses) a registration', params: idParam, body: approveMemberBody, response: { 200: memberDetailDto } } },
    async (req) => {
      await decideMember({ ctx, actor: actorOf(req), memberId: req.params.id, decision: req.body.decision, note: req.body.note });
      return member(req, req.params.id);
    });
  app.post('/api/members/:id/leave', { config: perm('members:read'), schema: { tags, summary: 'Leave (by the member or staff): the registration closes, its history stays', params: idParam, body: noteBody, response: { 200: memberDetailDto } } },
    async (req) => {
      await leaveMember({ ctx, actor: actorOf(req), memberId: req.params.id, note: req.body.note });
      return member(req, req.params.id);
    });
  app.post('/api/members/:id/transfer', { config: perm('members:manage'), schema: { tags, summary: 'Transfer to another community of the city: this registration closes, a pending one opens there', params: idParam, body: transferMemberBody, response: { 200: memberDetailDto } } },
    async (req) => {
      await transferMember({ ctx, actor: actorOf(req), memberId: req.params.id, toCommunityId: req.body.toCommunityId, note: req.body.note });
      return member(req, req.params.id);
    });
  app.post('/api/members/:id/posts', { config: perm('members:manage'), schema: { tags, summary: '三岗: a post (责任岗/示范岗/先锋岗) with its duty and period', params: idParam, body: createPostBody, response: { 201: memberDetailDto } } },
    async (req, reply) => {
      await addPost({ ctx, actor: actorOf(req), memberId: req.params.id, input: req.body });
      return reply.code(201).send(await member(req, req.params.id));
    });
  app.post('/api/members/:id/posts/:postId/end', { config: perm('members:manage'), schema: { tags, summary: '三岗: end a post on a day (today when absent); 409 MEMBER_POST_ENDED when it has already ended', params: postParam, body: endPostBody, response: { 200: memberDetailDto } } },
    async (req) => {
      await endPost({ ctx, actor: actorOf(req), memberId: req.params.id, postId: req.params.postId, input: req.body });
      return member(req, req.params.id);
    });
  app.get('/api/members/:id/transfer-targets', { config: perm('members:manage'), schema: { tags, summary: 'The communities of the member\'s city a transfer may go to', params: idParam, response: { 200: transferTargetsDto } } },
    async (req) => transferTargets({ ctx, actor: actorOf(req), memberId: req.params.id }));
  app.get('/api/compounds/:id/serving-members', { config: perm('members:serving'), schema: { tags, summary: '亮身份: the members serving (living in) a compound — name, badge and posts, never a phone', params: idParam, response: { 200: servingMembersDto } } },
    async (req) => servingMembers({ ctx, actor: actorOf(req), compoundId: req.params.id }));

  app.get('/api/teams', { config: perm('members:serving'), schema: { tags, summary: 'Teams (党员先锋队, 邻里帮帮团…) of the communities the actor sees, with leader and members', querystring: teamListQuery, response: { 200: teamListDto } } },
    async (req) => listTeams({ ctx, actor: actorOf(req), communityId: req.query.communityId }));
  app.post('/api/teams', { config: perm('members:manage'), schema: { tags, summary: 'Set up a team with a leader and members', body: createTeamBody, response: { 201: teamDto } } },
    async (req, reply) => {
      const id = await createTeam({ ctx, actor: actorOf(req), input: req.body });
      const { items } = await listTeams({ ctx, actor: actorOf(req), communityId: req.body.communityId });
      return reply.code(201).send(items.find((t) => t.id === id)!);
    });

  const team = async (req: Parameters<typeof actorOf>[0], ref: { teamId: number; communityId: number }) =>
    (await listTeams({ ctx, actor: actorOf(req), communityId: ref.communityId })).items.find((t) => t.id === ref.teamId)!;
  app.post('/api/teams/:id/members', { config: perm('members:manage'), schema: { tags, summary: 'Add an active member of the community to a team (already in it: unchanged)', params: idParam, body: teamMemberBody, response: { 200: teamDto } } },
    async (req) => team(req, await addTeamMember({ ctx, actor: actorOf(req), teamId: req.params.id, memberId: req.body.memberId })));
  app.post('/api/teams/:id/members/:memberId/remove', { config: perm('members:manage'), schema: { tags, summary: 'Remove a member from a team (409 MEMBER_TEAM_LEADER for its leader: choose another first)', params: teamMemberParam, body: z.strictObject({}), response: { 200: teamDto } } },
    async (req) => team(req, await removeTeamMember({ ctx, actor: actorOf(req), teamId: req.params.id, memberId: req.params.memberId })));
  app.put('/api/teams/:id/leader', { config: perm('members:manage'), schema: { tags, summary: 'Set the team\'s leader (who joins the team if not in it), or clear it with null', params: idParam, body: teamLeaderBody, response: { 200: teamDto } } },
    async (req) => team(req, await setTeamLeader({ ctx, actor: actorOf(req), teamId: req.params.id, memberId: req.body.memberId })));

  app.get('/api/service-ledger', { config: perm('members:read'), schema: { tags, summary: 'A person\'s service ledger (hours and points, each entry naming its source): their own, or staff over their communities', querystring: ledgerQuery, response: { 200: ledgerDto } } },
    async (req) => serviceLedgerOf({ ctx, actor: actorOf(req), personId: req.query.personId, communityId: req.query.communityId, page: req.query.page, pageSize: req.query.pageSize }));
  app.get('/api/honour-roll', { config: perm('members:serving'), schema: { tags, summary: '红榜 of a community, or of a street over its communities (street and department staff), for a year (2026) or quarter (2026Q3), from the ledger; a closed period is frozen', querystring: honourQuery, response: { 200: honourDto } } },
    async (req) => (req.query.streetId !== undefined
      ? streetHonourRoll({ ctx, actor: actorOf(req), streetId: req.query.streetId, period: req.query.period, limit: req.query.limit })
      : honourRoll({ ctx, actor: actorOf(req), communityId: req.query.communityId!, period: req.query.period, limit: req.query.limit })));
  app.get('/api/honour-roll/streets', { config: perm('members:serving'), schema: { tags, summary: 'The streets whose 红榜 the actor may see (street, district and city grants)', response: { 200: honourStreetsDto } } },
    async (req) => honourStreets({ ctx, actor: actorOf(req) }));
  app.get('/api/points-rules', { config: perm('members:serving'), schema: { tags, summary: 'The community\'s points rule and claim deadline', querystring: pointsRuleQuery, response: { 200: pointsRuleDto } } },
    async (req) => getPointsRule({ ctx, actor: actorOf(req), communityId: req.query.communityId }));
  app.put('/api/points-rules', { config: perm('members:approve'), schema: { tags, summary: 'Set the community\'s points rule (the party committee)', body: pointsRuleBody, response: { 200: pointsRuleDto } } },
    async (req) => setPointsRule({ ctx, actor: actorOf(req), input: req.body }));
}
