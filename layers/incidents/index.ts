/** The incident contract: workflow (states, roles, actions) and the event catalogue. */
export * from './catalogue';
export * from './workflow';
