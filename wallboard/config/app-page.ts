// Which page of the one bundle a path is: the server serves index.html for each of them.
export type AppPage = 'login' | 'admin' | 'lead' | 'report' | 'tv';

export function appPageOf(pathname: string): AppPage {
  if (/^\/login\/?$/.test(pathname)) return 'login';
  if (/^\/admin\/?$/.test(pathname)) return 'admin';
  if (/^\/lead\/?$/.test(pathname)) return 'lead';
  if (/^\/report\/?$/.test(pathname)) return 'report';
  return 'tv';
}
