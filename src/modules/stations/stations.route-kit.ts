/** What every route file of the module shares: its OpenAPI tag and the access declaration. */
export const tags = ['stations'];
export type StationPermission = 'stations:read' | 'stations:create' | 'stations:manage' | 'stations:checkout' | 'stations:keys';
export const perm = (permission: StationPermission) => ({ access: { permission } });
