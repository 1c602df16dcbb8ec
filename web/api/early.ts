/**
 * Requests a page starts from a tiny inline script in its <head> (web/early/*), while the rest of the page is still
 * arriving, so they run in parallel with the page's own code instead of after it (issue 10: time to usable on a slow
 * line). The page's API client takes an answer from here when it asks for the same path; otherwise it fetches.
 */
type Early = Record<string, Promise<Response>>;

const pending = (): Early => ((globalThis as { __early?: Early }).__early ??= {});

export function earlyGet(path: string, headers: Record<string, string> = {}): void {
  const p = fetch(path, { headers: { accept: 'application/json', ...headers }, credentials: 'omit', referrerPolicy: 'no-referrer' });
  p.catch(() => undefined);
  pending()[path] = p;
}

/** The early answer for this path (once), if a successful one is there; the caller fetches again otherwise. */
export async function takeEarly(path: string): Promise<Response | undefined> {
  const all = pending();
  const p = all[path];
  if (!p) return undefined;
  delete all[path];
  try {
    const r = await p;
    return r.ok ? r : undefined;
  } catch {
    return undefined;
  }
}
