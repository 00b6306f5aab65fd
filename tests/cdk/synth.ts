import { readFileSync } from 'node:fs';
import { App, type AppProps } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { addNagChecks } from '../../cdk/nag.js';
import {
  createSigningTracker,
  type SigningTrackerStacks,
  STATEFUL_STACK_NAME,
} from '../../cdk/signing-tracker.js';

export interface Synthesized extends SigningTrackerStacks {
  readonly app: App;
  readonly statefulTemplate: Template;
  readonly apiTemplate: Template;
}

/** The feature flags of cdk.json: the CLI passes them to cdk/app.ts, so tests must too. */
export const CDK_JSON_CONTEXT = (
  JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
    context: Record<string, unknown>;
  }
).context;

/**
 * Builds the app as cdk/app.ts does. With `nag` the cdk-nag packs are
 * registered and CDK's built-in CloudFormation validation runs, as in
 * `cdk synth`: synthesis throws on any unacknowledged finding. Without it
 * (template assertions) synthesis takes one second instead of ten. Nothing
 * is bundled (no esbuild, no Vite): the bundle tests run the CLI instead.
 */
export function synthesize({
  nag = true,
  ...props
}: AppProps & { nag?: boolean } = {}): Synthesized {
  const app = new App({
    builtinCloudFormationValidation: nag,
    ...props,
    context: {
      ...CDK_JSON_CONTEXT,
      'aws:cdk:bundling-stacks': [],
      ...props.context,
    },
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
  if (ids.length !== 1)
    throw new Error(
      `Expected one ${type} starting with ${prefix}, found ${ids.join(', ') || 'none'}`,
    );
  return ids[0]!;
}

/** Properties of the resource `logicalId` of `type`; throws if there is none. */
export function propertiesOf<T>(template: Template, type: string, logicalId: string): T {
  const resource = resourcesOf(template, type)[logicalId];
  if (!resource) throw new Error(`No ${type} ${logicalId}`);
  return resource.Properties as T;
}

/**
 * The output name behind a value the API stack takes from the stateful
 * stack, whether the reference is weak (`Fn::GetStackOutput`, the default
 * in cdk.json) or strong (`Fn::ImportValue`).
 */
export function statefulOutputOf(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  const reference = value as {
    'Fn::ImportValue'?: unknown;
    'Fn::GetStackOutput'?: { StackName?: unknown; OutputName?: unknown };
  };
  if (Object.keys(reference).length !== 1) return undefined;
  if (typeof reference['Fn::ImportValue'] === 'string') return reference['Fn::ImportValue'];
  const output = reference['Fn::GetStackOutput'];
  if (output?.StackName === STATEFUL_STACK_NAME && typeof output.OutputName === 'string') {
    return output.OutputName;
  }
  return undefined;
}
