/** Keyboard shortcuts by lower-cased `KeyboardEvent.key` (e.g. ' ', 'l', 'm', '?', 'escape', 'arrowleft'). */
export type Shortcuts = Record<string, () => void>;

/** What `shortcutFor` reads of a key press: the key, the focused element's tag name, and the modifiers. */
export interface KeyPress {
  key: string;
  /** `tagName` of the event target (e.g. 'INPUT'); '' when the target is not an element. */
  targetTag: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

/** Form fields whose typed keys are text, not shortcuts (Escape still applies, to leave the field). */
const FORM_FIELDS = ['INPUT', 'SELECT', 'TEXTAREA'];

/**
 * The shortcut a key press triggers, or null: keys typed into a form field (except Escape) and keys with
 * Ctrl, Meta or Alt held are ignored; the lower-cased key is looked up first, then the key as typed.
 */
export function shortcutFor(press: KeyPress, shortcuts: Shortcuts): (() => void) | null {
  if (FORM_FIELDS.includes(press.targetTag) && press.key !== 'Escape') return null;
  if (press.ctrlKey || press.metaKey || press.altKey) return null;
  return shortcuts[press.key.toLowerCase()] ?? shortcuts[press.key] ?? null;
}
