/**
 * Maps a deck.gl layer id back to the registry layer that owns it: deck layer ids are the owner's id, or the
 * owner's id plus one part suffix (`-fill`, `-outline`, `-heads`, `-trails`, `-badge`, `-glyph`). Returns the id
 * itself otherwise.
 */
export function ownerOfDeckLayer(deckLayerId: string, isOwner: (id: string) => boolean): string {
  if (isOwner(deckLayerId)) return deckLayerId;
  const i = deckLayerId.lastIndexOf('-');
  return i > 0 && isOwner(deckLayerId.slice(0, i)) ? deckLayerId.slice(0, i) : deckLayerId;
}
