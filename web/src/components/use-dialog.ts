import { useRef, useState } from 'react';

/**
 * Open/close state for a modal about one subject. Every open mounts a fresh form (new `key`);
 * the modal stays mounted while it closes, and when its exit transition ends (`onExited`, wired
 * to Modal's onExitTransitionEnd) the focus goes back to whatever opened it, so keyboard users
 * continue where they were.
 */
export const useDialog = <T = true>() => {
  const [state, setState] = useState<{ subject: T | null; opened: boolean; key: number }>({ subject: null, opened: false, key: 0 });
  const returnTo = useRef<HTMLElement | null>(null);
  return {
    subject: state.subject,
    opened: state.opened,
    key: state.key,
    open: (subject: T) => {
      returnTo.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      setState((s) => ({ subject, opened: true, key: s.key + 1 }));
    },
    close: () => setState((s) => ({ ...s, opened: false })),
    onExited: () => {
      if (returnTo.current?.isConnected) returnTo.current.focus();
      returnTo.current = null;
    },
  };
};
