import type { Lang } from '../../layers';
import { STRINGS } from '../i18n/strings';

/** The keyboard-shortcut help (toggled with `?`). */
export function HelpOverlay({ lang, onClose }: { lang: Lang; onClose: () => void }) {
  return (
    <div className="panel help" role="dialog" aria-label={STRINGS.help[lang]} data-testid="help">
      <h2>{STRINGS.help[lang]}</h2>
      <ul>
        {STRINGS.shortcuts[lang].split(' · ').map((s) => (
          <li key={s}>{s}</li>
        ))}
      </ul>
      <button type="button" onClick={onClose}>
        {STRINGS.close[lang]}
      </button>
    </div>
  );
}
