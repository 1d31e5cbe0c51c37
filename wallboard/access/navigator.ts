// Where the pages send the browser: one interface, so a page's tests see where it would go
// without leaving the test document.
export interface PageNavigator {
  /** Leaves for `path` (a same-origin path), replacing this page in the history. */
  go(path: string): void;
  /** Shows `search` (with its `?`) in the address bar without loading anything. */
  setSearch(search: string): void;
}

export const browserNavigator: PageNavigator = {
  go: (path) => location.replace(path),
  setSearch: (search) => history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`),
};
