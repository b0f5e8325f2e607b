// Hash routes (the app works as static files): `#/` the lesson index, `#/lesson/<id>?<widget state>`.
export type Route = { page: 'index' } | { page: 'lesson'; id: string } | { page: 'about' } | { page: 'missing'; path: string };

export function parseHash(hash: string): { route: Route; params: URLSearchParams } {
  const body = hash.replace(/^#/, '');
  const [path, query = ''] = body.split('?', 2);
  const params = new URLSearchParams(query);
  const parts = path.split('/').filter(Boolean);
  if (parts.length === 0) return { route: { page: 'index' }, params };
  if (parts[0] === 'lesson' && parts.length === 2) return { route: { page: 'lesson', id: decodeURIComponent(parts[1]) }, params };
  if (parts[0] === 'about' && parts.length === 1) return { route: { page: 'about' }, params };
  return { route: { page: 'missing', path }, params };
}

export function routeHref(route: Route, params?: [string, string][]): string {
  const path = route.page === 'lesson' ? `/lesson/${encodeURIComponent(route.id)}` : route.page === 'about' ? '/about' : '/';
  const query = params && params.length ? `?${new URLSearchParams(params).toString()}` : '';
  return `#${path}${query}`;
}
