import type { Lang } from '../../layers';
import { formatLocalTime, STRINGS } from '../i18n/strings';
import { CLOCK_SPEEDS, type Clock, type ClockState } from '../state/clock';

/** The time control: local time, play/pause, speed, and a slider over the dataset's time range. */
export function TimeControl({ clock, state, lang }: { clock: Clock; state: ClockState; lang: Lang }) {
  const [a, b] = state.range;
  return (
    <div className="panel time-control" data-testid="time-control">
      <button type="button" className="play" onClick={() => clock.toggle()} data-playing={state.playing}>
        {state.playing ? `❚❚ ${STRINGS.pause[lang]}` : `▶ ${STRINGS.play[lang]}`}
      </button>
      <output className="clock" data-testid="clock-time" data-time={new Date(state.time).toISOString()}>
        {formatLocalTime(state.time)} <small>UTC+8</small>
      </output>
      <input
        type="range"
        aria-label="time"
        min={a}
        max={b}
        step={60_000}
        value={state.time}
        onChange={(e) => clock.seek(Number(e.target.value))}
      />
      <label>
        {STRINGS.speed[lang]}
        <select value={state.speed} onChange={(e) => clock.setSpeed(Number(e.target.value))}>
          {CLOCK_SPEEDS.map((s) => (
            <option key={s} value={s}>
              ×{s}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
