import { useEffect, useRef } from 'react';

/** Keyboard shortcuts by lower-cased `KeyboardEvent.key` (e.g. ' ', 'l', 'm', '?', 'escape', 'arrowleft'). */
export type Shortcuts = Record<string, () => void>;

/** Binds keyboard shortcuts on the window, ignoring keys typed into form fields. */
export function useKeyboard(shortcuts: Shortcuts): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (t && ['INPUT', 'SELECT', 'TEXTAREA'].includes(t.tagName) && e.key !== 'Escape') return;
      if (e.ctrlKey || e.metaKey || e.altKey) return;
      const action = ref.current[e.key.toLowerCase()] ?? ref.current[e.key];
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
