/**
 * The CDK app (`cdk.json`: `npx tsx infra/app.ts`).
 *
 *   npx cdk synth                                   # dev, no AWS account needed
 *   npx cdk deploy --all -c stage=prod -c operatorEmail=… -c senderDomain=… -c senderAddress=… -c allowedOrigins=…
 *
 * The AWS Solutions cdk-nag checks run on every synth: an unacknowledged finding fails it.
 */
import { App } from 'aws-cdk-lib';
import { buildHotline } from './hotline-app.js';
import { addNagChecks } from './nag.js';

const app = new App();
buildHotline(app);
addNagChecks(app);
app.synth();
