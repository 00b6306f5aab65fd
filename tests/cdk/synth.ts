import { App, type AppProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addNagChecks } from '../../cdk/nag.js';
import { createSigningTracker, type SigningTrackerStacks } from '../../cdk/signing-tracker.js';

export interface Synthesized extends SigningTrackerStacks {
  readonly app: App;
  readonly statefulTemplate: Template;
  readonly apiTemplate: Template;
}

/**
 * Builds the app as cdk/app.ts does, with the cdk-nag packs registered (so
 * synthesis throws on any unacknowledged finding). `bundle: false` skips
 * esbuild, which only the bundle tests need.
 */
export function synthesize({
  bundle = false,
  nag = true,
  ...props
}: AppProps & { bundle?: boolean; nag?: boolean } = {}): Synthesized {
  const app = new App({
    ...props,
    context: { ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }), ...props.context },
  });
  const stacks = createSigningTracker(app);
  if (nag) addNagChecks(app);
  return {
    app,
    ...stacks,
    statefulTemplate: Template.fromStack(stacks.stateful),
    apiTemplate: Template.fromStack(stacks.api),
  };
}

type CfnResource = { Type: string; Properties?: Record<string, unknown>; [key: string]: unknown };

export function resourcesOf(template: Template, type: string): Record<string, CfnResource> {
  return template.findResources(type) as Record<string, CfnResource>;
}

/** Logical id of the single resource of `type` whose id starts with `prefix`. */
export function logicalIdOf(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`Expected one ${type} starting with ${prefix}, found ${ids.join(', ') || 'none'}`);
  return ids[0]!;
}
