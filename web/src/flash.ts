// A message for the next page (after "Opret": "Brugeren er oprettet" on the list the user lands on).
import { useEffect, useState } from 'react';
import { useLocation } from './router.tsx';

let pending: { path: string; message: string } | null = null;

/** Shows `message` on the page at `path` when it is the next one opened. */
export function flashOn(path: string, message: string) {
  pending = { path: path.split('?')[0], message };
}

/** The message left for this page, once. */
export function useFlash(): string | null {
  const { pathname } = useLocation();
  const [message] = useState(() => (pending?.path === pathname ? pending.message : null));
  useEffect(() => {
    if (pending?.path === pathname) pending = null;
  }, [pathname]);
  return message;
}
