/**
 * Names of custom metrics that something outside the handlers relies on
 * (CDK alarms), kept free of Powertools so that CDK can import them.
 */

/** Summaries refused because a record and its audit chain disagree; any one alarms. */
export const INTEGRITY_FAILURES_METRIC = 'IntegrityFailures';
