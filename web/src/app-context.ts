import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Api } from './api/client.js';
import type { Session } from './auth.js';

export interface AppServices {
  readonly api: Api;
  readonly session: Session;
}

export const AppContext = createContext<AppServices | undefined>(undefined);

export function useApp(): AppServices {
  const services = useContext(AppContext);
  if (!services) throw new Error('useApp outside a signed-in session');
  return services;
}

/** Hash routes: `#/agreements/01H…/history` → ['agreements', '01H…', 'history']. */
export function routeOf(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((segment) => decodeURIComponent(segment));
}

export const href = (...segments: string[]) =>
  `#/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
