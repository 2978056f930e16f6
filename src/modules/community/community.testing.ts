/** The part of test/app.ts's Client these helpers use (this file is built with the server, test/ is not). */
interface Client { post(url: string, body?: unknown): Promise<{ statusCode: number; body: string; json(): { id: number } }> }

/** Tomorrow at HH:MM Shanghai, from the fake clock's default day (2026-01-13). */
export const at = (day: string, hhmm: string) => `${day}T${hhmm}:00+08:00`;

/** A room in the test community. */
export async function addVenue(staff: Client, communityId: number, over: Record<string, unknown> = {}): Promise<number> {
  const res = await staff.post('/api/venues', { communityId, name: `活动室${Math.random().toString(36).slice(2, 8)}`, kind: 'activity_room', capacity: 40, opensAt: '08:00', closesAt: '21:00', ...over });
  if (res.statusCode !== 201) throw new Error(`venue: ${res.statusCode} ${res.body}`);
  return res.json().id;
}

/** An activity in the test community (elsewhere, unless a venue is given). */
export async function addActivity(staff: Client, communityId: number, over: Record<string, unknown> = {}): Promise<number> {
  const res = await staff.post('/api/activities', {
    communityId, organiserKind: 'community', organiserName: '社区党委', type: 'culture', title: '义诊', locationText: '社区广场',
    startsAt: at('2026-01-14', '09:00'), endsAt: at('2026-01-14', '11:00'), ...over,
  });
  if (res.statusCode !== 201) throw new Error(`activity: ${res.statusCode} ${res.body}`);
  return res.json().id;
}
