import { describe, expect, it } from 'vitest';
import { LAYERS } from '../../layers';
import { ownerOfDeckLayer } from './deck-layer-ids';

const isOwner = (id: string) => LAYERS.some((l) => l.id === id);

describe('deck layer id → registry layer', () => {
  it('does not confuse layers sharing a prefix', () => {
    expect(ownerOfDeckLayer('waterlogging-points', isOwner)).toBe('waterlogging-points');
    expect(ownerOfDeckLayer('water-fill', isOwner)).toBe('water');
    expect(ownerOfDeckLayer('muck-trucks-heads', isOwner)).toBe('muck-trucks');
    expect(ownerOfDeckLayer('construction-sites-outline', isOwner)).toBe('construction-sites');
    expect(ownerOfDeckLayer('__occluder', isOwner)).toBe('__occluder');
  });
});
