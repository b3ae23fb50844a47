import { describe, expect, it } from 'vitest';
import { type KeyPress, shortcutFor } from './shortcut-for';

const play = () => {};
const legend = () => {};
const close = () => {};
const back = () => {};
const shortcuts = { ' ': play, l: legend, escape: close, ArrowLeft: back };
const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  targetTag: 'DIV',
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...more,
});

describe('shortcutFor', () => {
  it('finds a shortcut by the lower-cased key, then by the key as typed', () => {
    expect(shortcutFor(press(' '), shortcuts)).toBe(play);
    expect(shortcutFor(press('l'), shortcuts)).toBe(legend);
    expect(shortcutFor(press('L'), shortcuts)).toBe(legend);
    expect(shortcutFor(press('Escape'), shortcuts)).toBe(close);
    expect(shortcutFor(press('ArrowLeft'), shortcuts)).toBe(back);
    // both spellings bound: the lower-cased one wins
    const upper = () => {};
    expect(shortcutFor(press('L'), { l: legend, L: upper })).toBe(legend);
    expect(shortcutFor(press('L'), { L: upper })).toBe(upper);
  });

  it('answers null for a key without a shortcut', () => {
    expect(shortcutFor(press('m'), shortcuts)).toBeNull();
    expect(shortcutFor(press('arrowright'), shortcuts)).toBeNull();
    expect(shortcutFor(press('l'), {})).toBeNull();
  });

  it('ignores keys typed into form fields, except Escape', () => {
    for (const targetTag of ['INPUT', 'SELECT', 'TEXTAREA']) {
      expect(shortcutFor(press('l', { targetTag }), shortcuts)).toBeNull();
      expect(shortcutFor(press(' ', { targetTag }), shortcuts)).toBeNull();
      expect(shortcutFor(press('Escape', { targetTag }), shortcuts)).toBe(close);
    }
    // other elements, and targets that are not elements (the window, the document), do not
    for (const targetTag of ['BUTTON', 'CANVAS', 'BODY', ''])
      expect(shortcutFor(press('l', { targetTag }), shortcuts)).toBe(legend);
  });

  it('ignores keys held with Ctrl, Meta or Alt; Shift is part of the key', () => {
    for (const mod of ['ctrlKey', 'metaKey', 'altKey'] as const) {
      expect(shortcutFor(press('l', { [mod]: true }), shortcuts)).toBeNull();
      expect(shortcutFor(press('Escape', { [mod]: true, targetTag: 'INPUT' }), shortcuts)).toBeNull();
    }
    expect(shortcutFor(press('?'), { '?': legend })).toBe(legend);
  });
});
