import { Duration } from 'aws-cdk-lib';
import { AccountRecovery, UserPool, type UserPoolClient, UserPoolGroup } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ADMIN_GROUP } from '../../common/http/identity';
import type { DataRetention } from '../data-retention';
import { acknowledge } from '../nag';

/** Carried in the token's `cognito:groups` claim; PUT /assets/{asset} requires it. */
export const ADMIN_GROUP_NAME = ADMIN_GROUP;

export interface UserDirectoryProps {
  readonly retention: DataRetention;
}

/** The Cognito users whose tokens the HTTP API accepts. */
export class UserDirectory extends Construct {
  readonly userPool: UserPool;
  readonly client: UserPoolClient;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);

    this.userPool = new UserPool(this, 'UserPool', {
      // Accounts hold money, so an operator creates them; nobody signs themselves up.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      standardAttributes: { email: { required: true, mutable: true } },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      // The pool owns the user ids that key every ledger item, so it lives and dies with the table.
      removalPolicy: props.retention.removalPolicy,
      deletionProtection: props.retention.deletionProtection,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG2',
      'Only the operator creates users (self sign-up is off), under a 12-character mixed password policy; MFA would block the admin password sign-in that `npm run user -- token` relies on.',
    );
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'Threat protection needs the Plus feature plan, billed per monthly active user; self sign-up is off, so the Essentials plan is kept for a personal deployment.',
    );

    this.client = this.userPool.addClient('ApiClient', {
      // A public client: the tokens, not a client secret, are what the API trusts.
      generateSecret: false,
      authFlows: { adminUserPassword: true, userPassword: true },
      // Clients sign in with the password flows above; no hosted UI, so no OAuth redirects to trust.
      disableOAuth: true,
      preventUserExistenceErrors: true,
    });

    new UserPoolGroup(this, 'AdminGroup', { userPool: this.userPool, groupName: ADMIN_GROUP_NAME });
  }
}
