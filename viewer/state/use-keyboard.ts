import { useEffect, useRef } from 'react';
import { type Shortcuts, shortcutFor } from './shortcut-for';

export type { Shortcuts } from './shortcut-for';

/** Binds keyboard shortcuts on the window, ignoring keys typed into form fields (see `shortcutFor`). */
export function useKeyboard(shortcuts: Shortcuts): void {
  const ref = useRef(shortcuts);
  ref.current = shortcuts;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const { key, ctrlKey, metaKey, altKey } = e;
      const targetTag = (e.target as HTMLElement | null)?.tagName ?? '';
      const action = shortcutFor({ key, targetTag, ctrlKey, metaKey, altKey }, ref.current);
      if (!action) return;
      e.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
