import { App } from 'aws-cdk-lib';
import { buildLockstepStack } from './lockstep-stack';

const app = new App();
buildLockstepStack(app);
app.synth();
