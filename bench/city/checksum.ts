import type { SqlSession } from './session.js';

/**
 * A digest of a generated city's content, ids left out (they depend on what else the database
 * holds, also inside timeline data), rows taken in id order (which follows generation order). Two runs with the same
 * options must agree.
 */
export async function cityChecksum(s: SqlSession, cityId: number): Promise<string> {
  const [row] = await s.query<{ digest: string }>(`
    select md5(concat_ws('/',
      (select md5(string_agg(concat_ws('|', k.name, k.self_governed, b.name, u.name, h.number, h.area_m2), ',' order by h.id))
         from households h join compounds k on k.id = h.compound_id join buildings b on b.id = h.building_id
         join building_units u on u.id = h.unit_id where k.city_id = $1),
      (select md5(string_agg(concat_ws('|', p.name, p.phone, p.id_number, p.gender, p.birth_year), ',' order by p.id)) from people p where p.city_id = $1),
      (select md5(string_agg(concat_ws('|', r.created_at, c.code, r.state, r.priority, r.source, r.description, r.location_text,
                  r.reporter_name, r.dispatched_at, r.accepted_at, r.resolved_at, r.closed_at, r.respond_breached_at, r.resolve_breached_at,
                  r.rating, r.reopen_count, r.version, r.master_request_id - r.id), ',' order by r.id))
         from service_requests r join request_categories c on c.id = r.category_id where r.city_id = $1),
      (select md5(string_agg(concat_ws('|', e.at, e.action, e.from_state, e.to_state, e.actor_role, e.note, (e.data - 'categoryId' - 'companyId' - 'organisationId')::text), ',' order by e.request_id, e.at, e.id))
         from request_events e join communities m on m.id = e.community_id where m.city_id = $1)
    )) as digest`, [cityId]);
  return row!.digest;
}
