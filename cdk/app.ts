import { App } from 'aws-cdk-lib';
import { addNagChecks } from './nag.js';
import { createSigningTracker } from './signing-tracker.js';

const app = new App();
createSigningTracker(app);
addNagChecks(app);
