import { ADMIN_ROUTES, isAdminRoute } from './routes.js';

describe('isAdminRoute', () => {
  it('matches every page of the admin app, with ids filled in', () => {
    for (const route of Object.values(ADMIN_ROUTES)) {
      expect(isAdminRoute(route.replace(/:\w+/g, '3f2b8c1e-7a4d-4e5f-9b6a-0c1d2e3f4a5b'))).toBe(true);
    }
    expect(isAdminRoute('/sessions/')).toBe(true);
  });

  it('matches nothing else', () => {
    for (const path of ['/export.csv', '/api/anything', '/sessions/a/b', '/admin', '/graphqlx', '/sessions/new/x']) {
      expect(isAdminRoute(path)).toBe(false);
    }
  });
});
