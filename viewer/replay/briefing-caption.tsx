import type { Lang } from '../../layers';
import type { Scenario } from '../../scenarios';
import { formatLocalTime } from '../i18n/strings';

/** The wall's briefing caption: large step title and narration, step counter and the local clock time. */
export function BriefingCaption(props: {
  scenario: Scenario;
  index: number;
  time: number;
  lang: Lang;
  playing: boolean;
}) {
  const { scenario, index, time, lang, playing } = props;
  const step = scenario.steps[index];
  if (!step) return null;
  const other: Lang = lang === 'zh-CN' ? 'en' : 'zh-CN';
  return (
    <section
      className="panel briefing-caption"
      data-testid="briefing-caption"
      data-step={index}
      data-playing={playing}
    >
      <div className="briefing-meta">
        <span>{scenario.title[lang]}</span>
        <span>
          {index + 1} / {scenario.steps.length} · {formatLocalTime(time)}
        </span>
      </div>
      <h2>{step.title[lang]}</h2>
      <p>{step.narration[lang]}</p>
      <p className="briefing-other" lang={other}>
        {step.title[other]}
      </p>
    </section>
  );
}
