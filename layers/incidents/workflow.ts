import { t } from '../text';
import type { Text } from '../types';

/**
 * The incident workflow of the 一网统管 loop (事件采集 → 事件分拨 → 事件处置 → 督查督办 → 考核评价 → 复盘归档) as
 * plain data: states, roles and which role may take which action from which state. The server enforces it; the
 * viewer reads it to offer only the actions a signed-in role may take. Nothing else lists transitions.
 */

/** Every state an event can be in. */
export const EVENT_STATES = [
  'reported',
  'dispatched',
  'accepted',
  'in_progress',
  'resolved',
  'verified',
  'archived',
  'returned',
  'escalated',
] as const;

/** One state of an event. */
export type EventState = (typeof EVENT_STATES)[number];

/** States in which an event still waits for handling (counted as open; overdue when past its deadline). */
export const OPEN_STATES: readonly EventState[] = [
  'reported',
  'dispatched',
  'accepted',
  'in_progress',
  'returned',
  'escalated',
];

/** States that count as handled (处置): the work is done, whether or not it was verified yet. */
export const HANDLED_STATES: readonly EventState[] = ['resolved', 'verified', 'archived'];

/** States that count as closed (结案): verified and evaluated, or archived. */
export const CLOSED_STATES: readonly EventState[] = ['verified', 'archived'];

/** Bilingual labels of the states. */
export const STATE_LABELS: Record<EventState, Text> = {
  reported: t('已上报', 'Reported'),
  dispatched: t('已派遣', 'Dispatched'),
  accepted: t('已接单', 'Accepted'),
  in_progress: t('处置中', 'In progress'),
  resolved: t('已处置', 'Resolved'),
  verified: t('已核查评价', 'Verified'),
  archived: t('已归档', 'Archived'),
  returned: t('已退回', 'Returned'),
  escalated: t('已上报升级', 'Escalated'),
};

/** The roles of the operations centre. `system` is the server itself (sensor capture, overdue sweep). */
export const ROLES = ['commander', 'dispatcher', 'responder', 'analyst', 'planner'] as const;

/** A human role. */
export type Role = (typeof ROLES)[number];

/** Who acted: a human role or the server. */
export type ActorRole = Role | 'system';

/** Bilingual labels of the roles. */
export const ROLE_LABELS: Record<Role, Text> = {
  commander: t('指挥长', 'Commander'),
  dispatcher: t('调度员', 'Dispatcher'),
  responder: t('处置人员', 'Responder'),
  analyst: t('分析员', 'Analyst'),
  planner: t('规划人员（只读）', 'Planner (read-only)'),
};

/** Roles that may report (create) an event by hand. */
export const REPORTING_ROLES: readonly ActorRole[] = [
  'commander',
  'dispatcher',
  'responder',
  'analyst',
  'system',
];

/** One action of the workflow: from which states, to which state, by which roles, and what it needs. */
export interface ActionSpec {
  from: readonly EventState[];
  /** Target state; `null` keeps the state (supervision records an audit entry without moving the event). */
  to: EventState | null;
  roles: readonly ActorRole[];
  label: Text;
  /** The action must name a team (dispatch, reassign). */
  needsTeam?: boolean;
  /** The action must carry a note (return, escalate, reject). */
  needsNote?: boolean;
  /** The action must carry an evaluation score 1–5 (verify = 考核评价). */
  needsScore?: boolean;
}

/** The workflow's actions. */
export const ACTIONS = {
  dispatch: {
    from: ['reported', 'returned', 'escalated'],
    to: 'dispatched',
    roles: ['commander', 'dispatcher'],
    label: t('派遣', 'Dispatch'),
    needsTeam: true,
  },
  reassign: {
    from: ['dispatched', 'accepted', 'in_progress'],
    to: 'dispatched',
    roles: ['commander', 'dispatcher'],
    label: t('改派', 'Reassign'),
    needsTeam: true,
    needsNote: true,
  },
  accept: {
    from: ['dispatched'],
    to: 'accepted',
    roles: ['responder', 'commander'],
    label: t('接单', 'Accept'),
  },
  return: {
    from: ['dispatched', 'accepted'],
    to: 'returned',
    roles: ['responder'],
    label: t('退回', 'Return'),
    needsNote: true,
  },
  start: { from: ['accepted'], to: 'in_progress', roles: ['responder'], label: t('开始处置', 'Start work') },
  resolve: {
    from: ['in_progress'],
    to: 'resolved',
    roles: ['responder'],
    label: t('处置完成', 'Resolve'),
    needsNote: true,
  },
  reject: {
    from: ['resolved'],
    to: 'in_progress',
    roles: ['commander', 'dispatcher'],
    label: t('核查不通过', 'Reject resolution'),
    needsNote: true,
  },
  verify: {
    from: ['resolved'],
    to: 'verified',
    roles: ['commander', 'dispatcher'],
    label: t('核查评价', 'Verify & evaluate'),
    needsScore: true,
  },
  archive: {
    from: ['verified'],
    to: 'archived',
    roles: ['commander', 'dispatcher'],
    label: t('归档', 'Archive'),
  },
  escalate: {
    from: ['reported', 'dispatched', 'accepted', 'in_progress', 'returned'],
    to: 'escalated',
    roles: ['commander', 'dispatcher', 'responder'],
    label: t('上报升级', 'Escalate'),
    needsNote: true,
  },
  supervise: {
    from: OPEN_STATES,
    to: null,
    roles: ['commander', 'system'],
    label: t('督办', 'Supervise (overdue)'),
  },
} as const satisfies Record<string, ActionSpec>;

/** The name of one workflow action. */
export type EventAction = keyof typeof ACTIONS;

/** All action names, in display order. */
export const EVENT_ACTIONS = Object.keys(ACTIONS) as EventAction[];

/** Why an action is refused: the role may never take it, or the event's state does not allow it now. */
export type ActionRefusal = { reason: 'role' | 'state'; message: string };

/** Checks whether `role` may take `action` on an event in `state`; null when allowed. */
export function refuseAction(action: EventAction, state: EventState, role: ActorRole): ActionRefusal | null {
  const spec: ActionSpec = ACTIONS[action];
  if (!spec.roles.includes(role))
    return {
      reason: 'role',
      message: `role "${role}" may not ${action} events (allowed: ${spec.roles.join(', ')})`,
    };
  if (!spec.from.includes(state))
    return {
      reason: 'state',
      message: `cannot ${action} an event that is ${state} (only from: ${spec.from.join(', ')})`,
    };
  return null;
}

/** The actions `role` may take on an event in `state`, for the viewer's buttons. */
export function allowedActions(state: EventState, role: ActorRole): EventAction[] {
  return EVENT_ACTIONS.filter((a) => refuseAction(a, state, role) === null);
}

/** The state an action leads to from `state` (supervision keeps it). */
export function nextState(action: EventAction, state: EventState): EventState {
  return ACTIONS[action].to ?? state;
}
