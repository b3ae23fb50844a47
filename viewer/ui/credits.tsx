import type { Lang } from '../../layers';
import { STRINGS } from '../i18n/strings';

/** Credits line (OSM ODbL, UCI rainfall CC BY 4.0, Natural Earth) and the visible synthetic-data notice. */
export function Credits({ lang, synthetic }: { lang: Lang; synthetic: boolean }) {
  return (
    <footer className="credits" data-testid="credits">
      {synthetic && <span className="tag synthetic big">{STRINGS.syntheticNotice[lang]}</span>}
      <span>{STRINGS.credits[lang]}</span>
    </footer>
  );
}
