import { App } from 'aws-cdk-lib';
import { buildLockstepStack } from './lockstep-stack';

const app = new App();
// Also registers the cdk-nag packs: `cdk synth` and `cdk deploy` stop on any unacknowledged finding.
buildLockstepStack(app);
app.synth();
