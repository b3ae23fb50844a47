import { type FormEvent, useState } from 'react';
import type { Lang } from '../../layers';
import { externalTilesetId } from '../globe/external-tilesets';
import { STRINGS } from '../i18n/strings';
import { useLayerStatuses } from '../state/layer-status';
import { isTilesetUrl } from '../state/view-state';

/** A short title for a tileset URL: host and the last two path segments. */
export function tilesetTitle(url: string): string {
  try {
    const u = new URL(url, window.location.href);
    const parts = u.pathname.split('/').filter(Boolean);
    return `${u.host === window.location.host ? '' : `${u.host} · `}${parts.slice(-2).join('/')}`;
  } catch {
    return url;
  }
}

/**
 * The catalog's "external 3D Tiles" group: one row per added tileset (status badge, error message, remove) and
 * the "add 3D Tiles by URL" (添加三维瓦片) form.
 */
export function ExternalTilesetRows(props: {
  urls: readonly string[];
  lang: Lang;
  canAdd: boolean;
  onAdd: (url: string) => void;
  onRemove: (url: string) => void;
}) {
  const { urls, lang } = props;
  const statuses = useLayerStatuses();
  const [text, setText] = useState('');
  const [invalid, setInvalid] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const url = text.trim();
    if (!isTilesetUrl(url)) return setInvalid(true);
    setInvalid(false);
    setText('');
    if (!urls.includes(url)) props.onAdd(url);
  };
  return (
    <section className="group external-tilesets">
      <h3>{STRINGS.externalTilesets[lang]}</h3>
      {urls.map((url) => {
        const status = statuses.get(externalTilesetId(url));
        const state = status?.state ?? 'loading';
        return (
          <div className="layer-row" key={url} data-layer={externalTilesetId(url)} data-status={state}>
            <div className="layer-head">
              <span className="layer-title" title={url}>
                {tilesetTitle(url)}
              </span>
              {state === 'loading' && <span className="badge loading">{STRINGS.loading[lang]}</span>}
              {state === 'ready' && <span className="badge ready">✓</span>}
              {state === 'error' && <span className="badge error">{STRINGS.error[lang]}</span>}
              <button
                type="button"
                className="expand"
                aria-label={STRINGS.removeTileset[lang]}
                onClick={() => props.onRemove(url)}
              >
                ×
              </button>
            </div>
            {status?.state === 'error' && (
              <div className="error-text" data-testid="tileset-error">
                {status.message}
              </div>
            )}
          </div>
        );
      })}
      {props.canAdd && (
        <form className="add-tileset" onSubmit={submit}>
          <input
            type="text"
            inputMode="url"
            aria-label={STRINGS.tilesetUrl[lang]}
            placeholder="https://…/tileset.json"
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
          <button type="submit">{STRINGS.addTileset[lang]}</button>
          {invalid && <div className="error-text">{STRINGS.invalidTilesetUrl[lang]}</div>}
        </form>
      )}
    </section>
  );
}
