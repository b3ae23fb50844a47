import type { AuditRecord, EventRecord } from './event-record';

/**
 * Checks that an event agrees with its audit trail: versions 1…version without gaps, the first record a report
 * into `reported`, each record starting where the previous one ended, the last ending in the event's state.
 * Returns the problems found (empty when consistent).
 */
export function auditProblems(e: EventRecord, trail: readonly AuditRecord[]): string[] {
  const problems: string[] = [];
  if (trail.length !== e.version)
    problems.push(`${e.id}: ${trail.length} audit records for version ${e.version}`);
  trail.forEach((a, i) => {
    if (a.version !== i + 1) problems.push(`${e.id}: audit #${i} has version ${a.version}`);
    if (i === 0 && (a.action !== 'report' || a.fromState !== null || a.toState !== 'reported'))
      problems.push(`${e.id}: first audit record is not the report`);
    if (i > 0 && a.fromState !== trail[i - 1]!.toState)
      problems.push(
        `${e.id}: audit v${a.version} starts in ${a.fromState}, previous ended in ${trail[i - 1]!.toState}`,
      );
  });
  if (trail.length > 0 && trail.at(-1)!.toState !== e.state)
    problems.push(`${e.id}: state ${e.state} but last audit record ends in ${trail.at(-1)!.toState}`);
  return problems;
}
