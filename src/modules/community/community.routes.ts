import { z } from 'zod';
import { sendDownload } from '../../kernel/download.js';
import { toCsv, toXlsx, type ExportColumn } from '../../kernel/export.js';
import { actorOf, type App } from '../../server/context.js';
import {
  activityFiguresOf, cancelSignup, checkIn, checkOut, createActivity, currentCode, getActivity, listActivities, reportActivity, signUp,
} from './community.activities.js';
import { createAnnouncement, createStudy, listAnnouncements, listStudy, markRead } from './community.announcements.js';
import * as dto from './community.dto.js';
import { answerMatter, createReceptionDay, fileMatterRequest, getReceptionDay, listReceptionDays, raiseMatter } from './community.reception.js';
import { actOnBooking, createBooking, createVenue, dayView, listVenueBookings, listVenues, venueIcs } from './community.venues.js';

const tags = ['community'];
type P = 'community:read' | 'community:book' | 'community:signup' | 'community:manage';
const perm = (permission: P) => ({ access: { permission } });
const idParam = dto.idParam;

/** Community life routes: thin handlers (validate → one service call → present). */
export function registerCommunityRoutes(app: App): void {
  const ctx = app.ctx;

  // ---------- venues ----------
  app.get('/api/venues', { config: perm('community:read'), schema: { tags, summary: 'Rooms (红色阵地) the actor reaches', querystring: dto.venueListQuery, response: { 200: dto.venueListDto } } },
    async (req) => ({ items: await listVenues({ ctx, actor: actorOf(req), query: req.query }) }));
  app.post('/api/venues', { config: perm('community:manage'), schema: { tags, summary: 'Add a room', body: dto.createVenueBody, response: { 201: dto.venueDto } } },
    async (req, reply) => {
      const id = await createVenue({ ctx, actor: actorOf(req), input: req.body });
      const items = await listVenues({ ctx, actor: actorOf(req), query: { communityId: req.body.communityId } });
      return reply.code(201).send(items.find((v) => v.id === id)!);
    });
  app.get('/api/venues/:id/bookings', { config: perm('community:read'), schema: { tags, summary: 'A room\'s live bookings in a window (the week calendar)', params: idParam, querystring: dto.bookingRangeQuery, response: { 200: dto.bookingListDto } } },
    async (req) => ({ items: await listVenueBookings({ ctx, actor: actorOf(req), venueId: req.params.id, query: req.query }) }));
  app.post('/api/venues/:id/bookings', { config: perm('community:book'), schema: { tags, summary: 'Book a slot (no two live bookings of a room overlap: decided by the database)', params: idParam, body: dto.createBookingBody, response: { 201: dto.bookingDto } } },
    async (req, reply) => reply.code(201).send(await createBooking({ ctx, actor: actorOf(req), venueId: req.params.id, input: req.body })));
  app.get('/api/venues/:id/calendar.ics', { config: perm('community:read'), schema: { tags, summary: 'The room\'s bookings as an iCalendar feed', params: idParam } },
    async (req, reply) => {
      const ics = await venueIcs({ ctx, actor: actorOf(req), venueId: req.params.id });
      return reply.header('content-type', 'text/calendar; charset=utf-8').header('content-disposition', `attachment; filename="venue-${req.params.id}.ics"`).send(ics.body);
    });
  app.get('/api/venue-day', { config: perm('community:read'), schema: { tags, summary: 'Day view: every room of a community with its bookings', querystring: dto.dayViewQuery, response: { 200: dto.dayViewDto } } },
    async (req) => dayView({ ctx, actor: actorOf(req), communityId: req.query.communityId, day: req.query.day }));
  app.post('/api/bookings/:id/cancel', { config: perm('community:book'), schema: { tags, summary: 'Cancel a booking (its booker or staff)', params: idParam, body: dto.emptyBody.optional(), response: { 200: dto.bookingDto } } },
    async (req) => actOnBooking({ ctx, actor: actorOf(req), bookingId: req.params.id, action: 'cancel' }));
  app.post('/api/bookings/:id/approve', { config: perm('community:manage'), schema: { tags, summary: 'Approve (or reject) a booking of a room that requires approval', params: idParam, body: dto.approveBody.optional(), response: { 200: dto.bookingDto } } },
    async (req) => actOnBooking({ ctx, actor: actorOf(req), bookingId: req.params.id, action: 'approve', approve: req.body?.approve ?? true }));
  app.post('/api/bookings/:id/check-in', { config: perm('community:book'), schema: { tags, summary: 'Check into a booking (else it is released 15 minutes after its start)', params: idParam, body: dto.emptyBody.optional(), response: { 200: dto.bookingDto } } },
    async (req) => actOnBooking({ ctx, actor: actorOf(req), bookingId: req.params.id, action: 'check-in' }));

  // ---------- activities ----------
  app.get('/api/activities', { config: perm('community:read'), schema: { tags, summary: 'Activities the actor reaches, with their own sign-up', querystring: dto.activityListQuery, response: { 200: dto.activityPage } } },
    async (req) => listActivities({ ctx, actor: actorOf(req), query: req.query }));
  app.post('/api/activities', { config: perm('community:manage'), schema: { tags, summary: 'Create an activity (booking our room in the same step)', body: dto.createActivityBody, response: { 201: dto.activityDetailDto } } },
    async (req, reply) => {
      const id = await createActivity({ ctx, actor: actorOf(req), input: req.body });
      return reply.code(201).send(await getActivity({ ctx, actor: actorOf(req), activityId: id }));
    });
  app.get('/api/activities/:id', { config: perm('community:read'), schema: { tags, summary: 'One activity: counts, (staff) sign-ups and check-ins, abilities', params: idParam, response: { 200: dto.activityDetailDto } } },
    async (req) => getActivity({ ctx, actor: actorOf(req), activityId: req.params.id }));
  app.post('/api/activities/:id/signups', { config: perm('community:signup'), schema: { tags, summary: 'Sign up (a seat, or the waiting list in arrival order); accepts a held offer', params: idParam, body: dto.signupBody.optional(), response: { 201: dto.signupDto } } },
    async (req, reply) => reply.code(201).send(await signUp({ ctx, actor: actorOf(req), activityId: req.params.id, role: req.body?.role ?? 'participant' })));
  app.post('/api/signups/:id/cancel', { config: perm('community:signup'), schema: { tags, summary: 'Cancel a sign-up; a freed seat is offered to the next on the waiting list', params: idParam, body: dto.emptyBody.optional(), response: { 200: dto.signupDto } } },
    async (req) => cancelSignup({ ctx, actor: actorOf(req), signupId: req.params.id }));
  app.post('/api/activities/:id/check-ins', { config: perm('community:signup'), schema: { tags, summary: 'Check in: the scanned code (oneself), or staff checking in a person or a walk-in', params: idParam, body: dto.checkinBody, response: { 201: dto.checkinDto } } },
    async (req, reply) => reply.code(201).send(await checkIn({ ctx, actor: actorOf(req), activityId: req.params.id, input: req.body })));
  app.post('/api/activities/:id/check-outs', { config: perm('community:signup'), schema: { tags, summary: 'Check out (volunteers\' minutes go to the service ledger, once)', params: idParam, body: dto.checkoutBody, response: { 200: dto.checkinDto } } },
    async (req) => checkOut({ ctx, actor: actorOf(req), activityId: req.params.id, input: req.body }));
  app.get('/api/activities/:id/code', { config: perm('community:manage'), schema: { tags, summary: 'The rotating signed code the activity\'s screen shows now (staff)', params: idParam, querystring: dto.codeQuery, response: { 200: dto.codeDto } } },
    async (req) => currentCode({ ctx, actor: actorOf(req), activityId: req.params.id, step: req.query.step, origin: `${req.protocol}://${req.host}` }));
  app.post('/api/activities/:id/report', { config: perm('community:manage'), schema: { tags, summary: 'After the activity: a short report and photos', params: idParam, body: dto.reportBody, response: { 200: dto.activityDetailDto } } },
    async (req) => {
      await reportActivity({ ctx, actor: actorOf(req), activityId: req.params.id, report: req.body.report, photos: req.body.photos });
      return getActivity({ ctx, actor: actorOf(req), activityId: req.params.id });
    });
  app.get('/api/activity-figures', { config: perm('community:read'), schema: { tags, summary: 'Activities and participant-times of a community in a year, by type', querystring: dto.figuresQuery, response: { 200: dto.figuresDto } } },
    async (req) => activityFiguresOf({ ctx, actor: actorOf(req), communityId: req.query.communityId, year: req.query.year }));
  app.get('/api/activity-figures/export', { config: perm('community:read'), schema: { tags, summary: 'The year\'s figures as CSV or XLSX', querystring: dto.figuresExportQuery } },
    async (req, reply) => {
      const f = await activityFiguresOf({ ctx, actor: actorOf(req), communityId: req.query.communityId, year: req.query.year });
      type Row = { label: string; activities: number; participantTimes: number };
      const columns: ExportColumn<Row>[] = [{ header: '类型', value: (r) => r.label }, { header: '活动场次', value: (r) => r.activities }, { header: '参与人次', value: (r) => r.participantTimes }];
      const rows: Row[] = [...f.rows, { label: '合计', ...f.totals }];
      const filename = `${f.communityName}-${f.year}-activities.${req.query.format}`;
      return sendDownload(reply, { filename, format: req.query.format, body: req.query.format === 'csv' ? toCsv(columns, rows) : await toXlsx(columns, rows, `${f.year}`) });
    });

  // ---------- announcements and study ----------
  app.get('/api/announcements', { config: perm('community:read'), schema: { tags, summary: 'Announcements (urgent first); staff see read rates', querystring: dto.announcementListQuery, response: { 200: dto.announcementPage } } },
    async (req) => listAnnouncements({ ctx, actor: actorOf(req), query: req.query }));
  app.post('/api/announcements', { config: perm('community:manage'), schema: { tags, summary: 'Publish (or schedule) an announcement; urgent ones are pushed', body: dto.createAnnouncementBody, response: { 201: z.object({ id: z.number().int() }) } } },
    async (req, reply) => reply.code(201).send({ id: await createAnnouncement({ ctx, actor: actorOf(req), input: req.body }) }));
  app.post('/api/announcements/:id/read', { config: perm('community:read'), schema: { tags, summary: 'Read receipt', params: idParam, body: dto.emptyBody.optional(), response: { 200: dto.readDto } } },
    async (req) => markRead({ ctx, actor: actorOf(req), announcementId: req.params.id }));
  app.get('/api/study-materials', { config: perm('community:read'), schema: { tags, summary: 'The red book corner: study materials by category', querystring: dto.studyListQuery, response: { 200: dto.studyListDto } } },
    async (req) => listStudy({ ctx, actor: actorOf(req), query: req.query }));
  app.post('/api/study-materials', { config: perm('community:manage'), schema: { tags, summary: 'Add a study material', body: dto.createStudyBody, response: { 201: dto.studyDto } } },
    async (req, reply) => reply.code(201).send(await createStudy({ ctx, actor: actorOf(req), input: req.body })));

  // ---------- reception days ----------
  app.get('/api/reception-days', { config: perm('community:read'), schema: { tags, summary: '物业经理接待日 with slots and (published) answers', querystring: dto.receptionListQuery, response: { 200: dto.receptionListDto } } },
    async (req) => listReceptionDays({ ctx, actor: actorOf(req), query: req.query }));
  app.post('/api/reception-days', { config: perm('community:manage'), schema: { tags, summary: 'Put a reception day on the calendar', body: dto.createReceptionDayBody, response: { 201: dto.receptionDayDto } } },
    async (req, reply) => reply.code(201).send(await getReceptionDay({ ctx, actor: actorOf(req), dayId: await createReceptionDay({ ctx, actor: actorOf(req), input: req.body }) })));
  app.get('/api/reception-days/:id', { config: perm('community:read'), schema: { tags, summary: 'One reception day', params: idParam, response: { 200: dto.receptionDayDto } } },
    async (req) => getReceptionDay({ ctx, actor: actorOf(req), dayId: req.params.id }));
  app.post('/api/reception-days/:id/matters', { config: perm('community:book'), schema: { tags, summary: 'Book a slot / raise a matter (residents) or record a walk-in (staff)', params: idParam, body: dto.createMatterBody, response: { 201: dto.matterDto } } },
    async (req, reply) => reply.code(201).send(await raiseMatter({ ctx, actor: actorOf(req), dayId: req.params.id, input: req.body })));
  app.post('/api/reception-matters/:id/answer', { config: perm('community:manage'), schema: { tags, summary: 'Answer a matter (published to the compound)', params: idParam, body: dto.answerMatterBody, response: { 200: dto.matterDto } } },
    async (req) => answerMatter({ ctx, actor: actorOf(req), matterId: req.params.id, answer: req.body.answer, publish: req.body.publish }));
  app.post('/api/reception-matters/:id/request', { config: perm('community:manage'), schema: { tags, summary: 'Turn a matter into a service request (linked both ways)', params: idParam, body: dto.matterRequestBody, response: { 201: dto.matterRequestDto } } },
    async (req, reply) => reply.code(201).send(await fileMatterRequest({ ctx, actor: actorOf(req), matterId: req.params.id, input: req.body })));
}
