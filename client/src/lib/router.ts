// A small history-API router: the server answers index.html for every non-API path.
import { useEffect, useState } from 'preact/hooks';
import { SITE } from '../site';

export interface Location {
  /** Path without trailing slash ("/" for the home page). */
  path: string;
  query: URLSearchParams;
}

const subscribers = new Set<() => void>();
/** True after an in-app navigation, until the new page has taken focus. */
let focusPending = false;

function current(): Location {
  const path = window.location.pathname.replace(/\/+$/, '') || '/';
  return { path, query: new URLSearchParams(window.location.search) };
}

function notify(): void {
  for (const subscriber of subscribers) subscriber();
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  const before = current().path;
  if (to === window.location.pathname + window.location.search && !options.replace) return;
  if (options.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  // A new page takes focus; a new query on the same page (filters, paging) leaves it alone.
  focusPending = current().path !== before;
  window.scrollTo(0, 0);
  notify();
}

export function useLocation(): Location {
  const [location, setLocation] = useState(current);
  useEffect(() => {
    const update = () => {
      setLocation(current());
    };
    subscribers.add(update);
    return () => void subscribers.delete(update);
  }, []);
  return location;
}

/**
 * Sets the document title and, after an in-app navigation, moves keyboard and screen-reader
 * focus to the page's first heading (as a full page load would start at the top).
 */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title === SITE.contestName ? title : `${title} – ${SITE.shortName}`;
    if (!focusPending) return;
    const heading = document.querySelector<HTMLElement>('main h1');
    if (!heading) return; // Still loading: the page that renders the heading will call again.
    focusPending = false;
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }, [title]);
}

const SERVER_PATHS = /^\/(api|socket\.io|metrics)(\/|$)/;

/** Lets plain <a href="/..."> links navigate without a page load. Call once. */
export function interceptLinks(): void {
  let lastPath = current().path;
  subscribers.add(() => (lastPath = current().path));
  window.addEventListener('popstate', () => {
    focusPending = current().path !== lastPath;
    notify();
  });
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const target = event.target instanceof Element ? event.target.closest('a') : null;
    if (!target || !target.hasAttribute('href') || target.hasAttribute('download')) return;
    if (target.target && target.target !== '_self') return;
    const href = target.getAttribute('href') ?? '';
    if (href.startsWith('#')) return;
    const url = new URL(target.href, window.location.href);
    if (url.origin !== window.location.origin || SERVER_PATHS.test(url.pathname)) return;
    event.preventDefault();
    navigate(url.pathname + url.search);
  });
}
