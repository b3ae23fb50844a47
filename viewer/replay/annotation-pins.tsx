import { Cartesian3, SceneTransforms } from 'cesium';
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useCesium } from 'resium';
import type { Lang } from '../../layers';
import type { Annotation } from '../../scenarios';

/** Scenario annotations as labels pinned to their places, re-projected after every Cesium frame. */
export function AnnotationPins({ annotations, lang }: { annotations: Annotation[]; lang: Lang }) {
  const { viewer } = useCesium();
  const refs = useRef(new Map<string, HTMLDivElement>());
  useEffect(() => {
    if (!viewer) return;
    const place = () => {
      for (const a of annotations) {
        const el = refs.current.get(a.id);
        if (!el) continue;
        const p = SceneTransforms.worldToWindowCoordinates(
          viewer.scene,
          Cartesian3.fromDegrees(a.lon, a.lat, 20),
        );
        el.style.display = p ? 'block' : 'none';
        if (p) el.style.transform = `translate(${p.x}px, ${p.y}px)`;
      }
    };
    place();
    viewer.scene.requestRender();
    return viewer.scene.postRender.addEventListener(place);
  }, [viewer, annotations]);
  if (!viewer) return null;
  return createPortal(
    <div className="annotation-layer">
      {annotations.map((a) => (
        <div
          key={a.id}
          className={`annotation-pin level-${a.level ?? 'info'}`}
          data-testid="annotation-pin"
          ref={(el) => {
            if (el) refs.current.set(a.id, el);
            else refs.current.delete(a.id);
          }}
        >
          <span>{a.text[lang]}</span>
        </div>
      ))}
    </div>,
    viewer.container,
  );
}
