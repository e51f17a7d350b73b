import { useSyncExternalStore } from 'react';

/**
 * Whether the console can reach Lookout. Fed by every API call (api/client.ts), by the browser's
 * online/offline events and, once the live stream exists, by its EventSource (call
 * reportUnreachable() on its error and reportReachable() on open). While lost, /healthz is probed
 * with a growing delay; the first answer flips the state back and runs the reconnect listeners
 * (the query client refetches what the page shows).
 */
export type ConnectionState = 'online' | 'lost';

let state: ConnectionState = 'online';
const listeners = new Set<() => void>();
const reconnectListeners = new Set<() => void>();
let probeTimer: ReturnType<typeof setTimeout> | null = null;
let probeDelayMs = 1000;

const emit = () => {
  for (const l of listeners) l();
};

const probe = async () => {
  probeTimer = null;
  try {
    const res = await fetch('/healthz', { cache: 'no-store', credentials: 'same-origin' });
    if (res.ok) {
      reportReachable();
      return;
    }
  } catch {
    // still unreachable
  }
  scheduleProbe();
};

const scheduleProbe = () => {
  if (probeTimer || state === 'online') return;
  probeTimer = setTimeout(() => void probe(), probeDelayMs);
  probeDelayMs = Math.min(Math.max(probeDelayMs * 2, 1000), 15_000);
};

export const reportUnreachable = (): void => {
  if (state !== 'lost') {
    state = 'lost';
    probeDelayMs = 1000;
    emit();
  }
  scheduleProbe();
};

export const reportReachable = (): void => {
  if (state === 'online') return;
  state = 'online';
  if (probeTimer) clearTimeout(probeTimer);
  probeTimer = null;
  emit();
  for (const l of reconnectListeners) l();
};

/** Runs after the connection comes back (refetch, resume a stream). Returns the unsubscribe. */
export const onReconnect = (listener: () => void): (() => void) => {
  reconnectListeners.add(listener);
  return () => reconnectListeners.delete(listener);
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

if (typeof window !== 'undefined') {
  window.addEventListener('offline', reportUnreachable);
  // 'online' only means a network is back; the probe confirms Lookout answers.
  window.addEventListener('online', () => {
    probeDelayMs = 0;
    if (probeTimer) clearTimeout(probeTimer);
    probeTimer = null;
    scheduleProbe();
  });
}

export const useConnectionState = (): ConnectionState => useSyncExternalStore(subscribe, () => state);
