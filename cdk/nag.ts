import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, type NagPack, ServerlessChecks } from 'cdk-nag';

/**
 * The cdk-nag packs the app must pass. cdk-nag 3 is a CDK policy
 * validation plugin: findings are not annotations but violations in
 * cdk.out/policy-validation-report.json, and any unacknowledged finding
 * fails `cdk synth`. Acknowledgements (`Validations.of(x).acknowledge`)
 * sit next to the construct they concern, each with its reason.
 */
export function nagPacks(app: App): NagPack[] {
  return [new AwsSolutionsChecks(app), new ServerlessChecks(app)];
}

export function addNagChecks(app: App): void {
  Validations.of(app).addPlugins(...nagPacks(app));
}
