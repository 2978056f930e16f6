import { useParams } from 'react-router-dom';

/** A positive integer id from the route (`:communityId`), or null when the URL holds junk. */
export function useIdParam(name: string): number | null {
  const raw = useParams()[name];
  const n = Number(raw);
  return raw && /^\d+$/.test(raw) && Number.isSafeInteger(n) && n > 0 ? n : null;
}
