/** Public entry of the scenarios: the versioned document, its migrations, `stateAt`, briefing plan, registry. */
export * from './briefing-plan';
export * from './briefing-report';
export * from './migrate';
export * from './registry';
export * from './schema';
export * from './state-at';
