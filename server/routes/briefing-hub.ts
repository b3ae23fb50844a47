import { applyStepCommand } from '../../scenarios';

/** Commands a controller may send to the walls of a briefing session. */
export const BRIEFING_COMMANDS = ['next', 'previous', 'jump', 'pause', 'play'] as const;

/** One command as posted by the controller page. */
export interface BriefingCommand {
  command: (typeof BRIEFING_COMMANDS)[number];
  /** Target step of `jump` (0-based). */
  step?: number;
}

/** What every wall of a session follows: the scenario, the step, whether autoplay runs, a sequence number. */
export interface BriefingState {
  session: string;
  scenario: string | null;
  steps: number;
  index: number;
  playing: boolean;
  seq: number;
}

/**
 * In-memory briefing sessions: commands update a session's state and are pushed to every subscriber (the SSE
 * streams of the walls). One process only; a second replica would need a shared bus (noted in API.md).
 */
export class BriefingHub {
  private sessions = new Map<string, { state: BriefingState; listeners: Set<(s: BriefingState) => void> }>();

  constructor(private readonly maxSessions = 1000) {}

  private entry(session: string) {
    let e = this.sessions.get(session);
    if (!e) {
      if (this.sessions.size >= this.maxSessions) {
        const idle = [...this.sessions].find(([, v]) => v.listeners.size === 0);
        if (idle) this.sessions.delete(idle[0]);
      }
      e = {
        state: { session, scenario: null, steps: 0, index: 0, playing: true, seq: 0 },
        listeners: new Set(),
      };
      this.sessions.set(session, e);
    }
    return e;
  }

  /** The current state of a session (a fresh session starts at step 0, playing). */
  get(session: string): BriefingState {
    return this.entry(session).state;
  }

  /** Applies a command (binding the session to `scenario` with `steps` steps when given) and notifies the walls. */
  apply(session: string, cmd: BriefingCommand, scenario?: { id: string; steps: number }): BriefingState {
    const e = this.entry(session);
    const s = e.state;
    const base =
      scenario && scenario.id !== s.scenario
        ? { scenario: scenario.id, steps: scenario.steps, index: 0 }
        : {};
    const cur = { ...s, ...base };
    const index = applyStepCommand(cur.steps, cur.index, cmd);
    const playing = cmd.command === 'pause' ? false : cmd.command === 'play' ? true : cur.playing;
    e.state = { ...cur, index, playing, seq: s.seq + 1 };
    for (const l of e.listeners) l(e.state);
    return e.state;
  }

  /** Subscribes to a session's state changes; returns the unsubscribe function. */
  subscribe(session: string, listener: (s: BriefingState) => void): () => void {
    const e = this.entry(session);
    e.listeners.add(listener);
    return () => e.listeners.delete(listener);
  }

  /** Number of walls currently following a session. */
  followers(session: string): number {
    return this.sessions.get(session)?.listeners.size ?? 0;
  }
}
