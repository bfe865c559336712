/**
 * Every TanStack Query key of the app starts with one of these roots, so that an event or a mutation
 * can invalidate a whole family at once (`['users']` covers every users list).
 */
export const queryKeys = {
  me: ['me'],
  settings: ['settings'],
  publicSettings: ['settings', 'public'],
  mySettings: ['settings', 'me'],
  systemSettings: ['settings', 'system'],
  users: ['users'],
  roles: ['roles'],
  tokens: ['tokens'],
  audit: ['audit'],
  outbox: ['outbox'],
  jobs: ['jobs'],
} as const;
