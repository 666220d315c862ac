import { CloudFormationClient } from '@aws-sdk/client-cloudformation';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { describe, expect, it } from 'vitest';
import {
  createUser,
  generatePassword,
  issueToken,
  parseUserArgs,
  readStackOutputs,
  runUserCli,
  type StackOutputs,
  UsageError,
  UserCliError,
} from '../../../scripts/user';

interface SentCommand {
  readonly command: string;
  readonly input: unknown;
}

type Reply = Record<string, unknown> | Error;

/** The part of either client's middleware stack the stub uses; both clients' stacks fit it. */
interface StubbableStack {
  add(
    middleware: (
      next: unknown,
      context: { readonly commandName?: string },
    ) => (args: { readonly input: object }) => Promise<{ output: object; response: unknown }>,
    options: { step: 'initialize'; name: string; priority: 'high' },
  ): void;
}

/**
 * Takes and answers every command at the first middleware step, before the SDK resolves a Region
 * or credentials, signs, or sends: the command and its input are recorded, and `reply` answers.
 */
function offline<Client extends CloudFormationClient | CognitoIdentityProviderClient>(
  client: Client,
  reply: (command: string, input: unknown) => Reply = () => ({}),
): { client: Client; sent: SentCommand[] } {
  const sent: SentCommand[] = [];
  const stack: StubbableStack = client.middlewareStack;
  stack.add(
    (_next, context) => async (args) => {
      const command = String(context.commandName);
      sent.push({ command, input: args.input });
      const answer = reply(command, args.input);
      if (answer instanceof Error) throw answer;
      return { output: { $metadata: {}, ...answer }, response: {} };
    },
    { step: 'initialize', name: 'offlineStub', priority: 'high' },
  );
  return { client, sent };
}

const OUTPUTS: StackOutputs = {
  apiUrl: 'https://abc123.execute-api.eu-west-1.amazonaws.com/',
  userPoolId: 'eu-west-1_Pool',
  userPoolClientId: 'client-id',
};

const awsError = (name: string, message = name): Error => Object.assign(new Error(message), { name });

describe('parseUserArgs', () => {
  it.each([
    [
      ['create', 'alice@example.com'],
      { kind: 'create', name: 'alice@example.com', admin: false, password: undefined, stack: 'Lockstep' },
    ],
    [
      ['create', 'alice@example.com', '--admin', '--password', 'Pa55word-long!', '--stack', 'Dev'],
      { kind: 'create', name: 'alice@example.com', admin: true, password: 'Pa55word-long!', stack: 'Dev' },
    ],
    [
      ['create', '--stack=Dev', 'alice@example.com', '--password=a=b=c'],
      { kind: 'create', name: 'alice@example.com', admin: false, password: 'a=b=c', stack: 'Dev' },
    ],
    [
      ['token', 'alice@example.com', '--password', 'secret'],
      { kind: 'token', name: 'alice@example.com', password: 'secret', stack: 'Lockstep' },
    ],
    [[], { kind: 'help' }],
    [['create', '--help'], { kind: 'help' }],
  ])('reads %j', (argv, expected) => {
    expect(parseUserArgs(argv)).toEqual(expected);
  });

  it('takes the token password from LOCKSTEP_PASSWORD, and --password over it', () => {
    expect(parseUserArgs(['token', 'a@example.com'], { LOCKSTEP_PASSWORD: 'from-env' })).toMatchObject({
      password: 'from-env',
    });
    expect(
      parseUserArgs(['token', 'a@example.com', '--password', 'flag'], { LOCKSTEP_PASSWORD: 'from-env' }),
    ).toMatchObject({ password: 'flag' });
  });

  it.each([
    [['delete', 'a@example.com'], /Unknown command "delete"/],
    [['create'], /needs the user's email/],
    [['create', 'alice'], /not an email address/],
    [['create', 'a@example.com', 'b@example.com'], /Unexpected argument/],
    [['create', 'a@example.com', '--force'], /Unknown option --force/],
    [['create', 'a@example.com', '--password'], /--password needs a value/],
    [['create', 'a@example.com', '--stack='], /--stack needs a value/],
    [['token', 'a@example.com'], /pass --password, or set LOCKSTEP_PASSWORD/],
    [['token', 'a@example.com', '--admin', '--password', 'x'], /--admin belongs to create/],
    [['--admin'], /Say create or token/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseUserArgs(argv)).toThrow(UsageError);
    expect(() => parseUserArgs(argv)).toThrow(message);
  });
});

describe('generatePassword', () => {
  it('meets the pool policy every time: 12+ characters, lower, upper, digit and symbol', () => {
    const passwords = Array.from({ length: 200 }, generatePassword);
    for (const password of passwords) {
      expect(password).toHaveLength(20);
      expect(password).toMatch(/[a-z]/);
      expect(password).toMatch(/[A-Z]/);
      expect(password).toMatch(/[0-9]/);
      expect(password).toMatch(/[-_.%+=:,@]/);
      expect(password).toMatch(/^[A-Za-z0-9\-_.%+=:,@]+$/);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});

describe('readStackOutputs', () => {
  const stackWith = (outputs: Record<string, string>) => () => ({
    Stacks: [
      {
        StackName: 'Lockstep',
        Outputs: Object.entries(outputs).map(([OutputKey, OutputValue]) => ({ OutputKey, OutputValue })),
      },
    ],
  });

  it('asks DescribeStacks for the named stack and reads the three outputs', async () => {
    const { client, sent } = offline(
      new CloudFormationClient({ region: 'eu-west-1' }),
      stackWith({
        ApiUrl: OUTPUTS.apiUrl,
        UserPoolId: OUTPUTS.userPoolId,
        UserPoolClientId: OUTPUTS.userPoolClientId,
        Other: 'x',
      }),
    );
    await expect(readStackOutputs(client, 'Dev')).resolves.toEqual(OUTPUTS);
    expect(sent).toEqual([{ command: 'DescribeStacksCommand', input: { StackName: 'Dev' } }]);
  });

  it('says how to deploy when the stack does not exist', async () => {
    const { client } = offline(new CloudFormationClient({ region: 'eu-west-1' }), () =>
      awsError('ValidationError', 'Stack with id Lockstep does not exist'),
    );
    const reading = readStackOutputs(client, 'Lockstep');
    await expect(reading).rejects.toThrow(UserCliError);
    await expect(reading).rejects.toThrow(/"Lockstep" is not deployed.*npx cdk deploy/);
  });

  it('says how to sign in when there are no credentials', async () => {
    const { client } = offline(new CloudFormationClient({ region: 'eu-west-1' }), () =>
      awsError('CredentialsProviderError', 'Could not load credentials from any providers'),
    );
    await expect(readStackOutputs(client, 'Lockstep')).rejects.toThrow(
      /No AWS credentials found.*aws configure/,
    );
  });

  it('says so when the credentials are refused or expired', async () => {
    const { client } = offline(new CloudFormationClient({ region: 'eu-west-1' }), () =>
      awsError('ExpiredTokenException', 'The security token included in the request is expired'),
    );
    await expect(readStackOutputs(client, 'Lockstep')).rejects.toThrow(
      /refused the credentials \(ExpiredTokenException\)/,
    );
  });

  it('names a missing output', async () => {
    const { client } = offline(
      new CloudFormationClient({ region: 'eu-west-1' }),
      stackWith({ ApiUrl: OUTPUTS.apiUrl, UserPoolId: OUTPUTS.userPoolId }),
    );
    await expect(readStackOutputs(client, 'Lockstep')).rejects.toThrow(/no UserPoolClientId output/);
  });

  it('lets an unexpected failure through as it is', async () => {
    const { client } = offline(new CloudFormationClient({ region: 'eu-west-1' }), () => awsError('Boom'));
    await expect(readStackOutputs(client, 'Lockstep')).rejects.toThrow(/^Boom$/);
  });
});

describe('createUser', () => {
  it('creates the user with a verified email and no invitation, then sets the password for good', async () => {
    const { client, sent } = offline(new CognitoIdentityProviderClient({ region: 'eu-west-1' }));
    await createUser(client, OUTPUTS, {
      name: 'alice@example.com',
      password: 'Pa55-word-long',
      admin: false,
    });
    expect(sent).toEqual([
      {
        command: 'AdminCreateUserCommand',
        input: {
          UserPoolId: 'eu-west-1_Pool',
          Username: 'alice@example.com',
          UserAttributes: [
            { Name: 'email', Value: 'alice@example.com' },
            { Name: 'email_verified', Value: 'true' },
          ],
          MessageAction: 'SUPPRESS',
        },
      },
      {
        command: 'AdminSetUserPasswordCommand',
        input: {
          UserPoolId: 'eu-west-1_Pool',
          Username: 'alice@example.com',
          Password: 'Pa55-word-long',
          Permanent: true,
        },
      },
    ]);
  });

  it('adds an admin to the admin group', async () => {
    const { client, sent } = offline(new CognitoIdentityProviderClient({ region: 'eu-west-1' }));
    await createUser(client, OUTPUTS, { name: 'root@example.com', password: 'Pa55-word-long', admin: true });
    expect(sent.at(-1)).toEqual({
      command: 'AdminAddUserToGroupCommand',
      input: { UserPoolId: 'eu-west-1_Pool', Username: 'root@example.com', GroupName: 'admin' },
    });
  });

  it('points an existing user at the token command', async () => {
    const { client } = offline(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), () =>
      awsError('UsernameExistsException', 'User account already exists'),
    );
    await expect(
      createUser(client, OUTPUTS, { name: 'alice@example.com', password: 'x', admin: false }),
    ).rejects.toThrow(/already exists.*user -- token alice@example.com/);
  });

  it('explains a password the pool refuses', async () => {
    const { client } = offline(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), (command) =>
      command === 'AdminSetUserPasswordCommand'
        ? awsError('InvalidPasswordException', 'Password did not conform with policy.')
        : {},
    );
    await expect(
      createUser(client, OUTPUTS, { name: 'alice@example.com', password: 'short', admin: false }),
    ).rejects.toThrow(/refused the password.*12 or more characters/);
  });
});

describe('issueToken', () => {
  it('signs in with the admin password flow on the stack client and returns the ID token', async () => {
    const { client, sent } = offline(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), () => ({
      AuthenticationResult: { IdToken: 'id.token.jwt', AccessToken: 'access', RefreshToken: 'refresh' },
    }));
    await expect(
      issueToken(client, OUTPUTS, { name: 'alice@example.com', password: 'secret' }),
    ).resolves.toBe('id.token.jwt');
    expect(sent).toEqual([
      {
        command: 'AdminInitiateAuthCommand',
        input: {
          UserPoolId: 'eu-west-1_Pool',
          ClientId: 'client-id',
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'alice@example.com', PASSWORD: 'secret' },
        },
      },
    ]);
  });

  it('refuses a challenge instead of a token', async () => {
    const { client } = offline(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), () => ({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
    }));
    await expect(issueToken(client, OUTPUTS, { name: 'a@example.com', password: 'x' })).rejects.toThrow(
      /NEW_PASSWORD_REQUIRED/,
    );
  });

  it('says a wrong password is wrong', async () => {
    const { client } = offline(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), () =>
      awsError('NotAuthorizedException', 'Incorrect username or password.'),
    );
    await expect(issueToken(client, OUTPUTS, { name: 'a@example.com', password: 'x' })).rejects.toThrow(
      /did not accept a@example.com/,
    );
  });
});

describe('runUserCli', () => {
  function cli(cognitoReply?: (command: string, input: unknown) => Reply) {
    const out: string[] = [];
    const err: string[] = [];
    const cognito = offline(new CognitoIdentityProviderClient({ region: 'eu-west-1' }), cognitoReply);
    const cloudFormation = offline(new CloudFormationClient({ region: 'eu-west-1' }), () => ({
      Stacks: [
        {
          Outputs: [
            { OutputKey: 'ApiUrl', OutputValue: OUTPUTS.apiUrl },
            { OutputKey: 'UserPoolId', OutputValue: OUTPUTS.userPoolId },
            { OutputKey: 'UserPoolClientId', OutputValue: OUTPUTS.userPoolClientId },
          ],
        },
      ],
    }));
    const run = (argv: string[], env: NodeJS.ProcessEnv = {}) =>
      runUserCli(argv, {
        env,
        cloudFormation: () => cloudFormation.client,
        cognito: () => cognito.client,
        out: (line) => out.push(line),
        err: (line) => err.push(line),
      });
    return { run, out, err, cognitoSent: cognito.sent };
  }

  it('create prints a generated password once, and it is the one Cognito got', async () => {
    const { run, out, cognitoSent } = cli();
    expect(await run(['create', 'alice@example.com'])).toBe(0);
    const passwordSet = cognitoSent.find(({ command }) => command === 'AdminSetUserPasswordCommand');
    const { Password: password = 'missing' } = (passwordSet?.input ?? {}) as { Password?: string };
    expect(out.filter((line) => line.includes(password))).toEqual([`Password, shown only now: ${password}`]);
    expect(out.join('\n')).toContain(OUTPUTS.apiUrl);
  });

  it('create with --password does not echo it', async () => {
    const { run, out } = cli();
    expect(await run(['create', 'alice@example.com', '--password', 'Chosen-Pa55word'])).toBe(0);
    expect(out.join('\n')).not.toContain('Chosen-Pa55word');
  });

  it('token prints the ID token as the last line, alone', async () => {
    const { run, out } = cli(() => ({ AuthenticationResult: { IdToken: 'id.token.jwt' } }));
    expect(await run(['token', 'alice@example.com'], { LOCKSTEP_PASSWORD: 'secret' })).toBe(0);
    expect(out.at(-1)).toBe('id.token.jwt');
  });

  it('exits 2 with the usage on a wrong command line, and 1 with a sentence on an AWS problem', async () => {
    const wrong = cli();
    expect(await wrong.run(['token', 'alice@example.com'])).toBe(2);
    expect(wrong.err.join('\n')).toMatch(/LOCKSTEP_PASSWORD[\s\S]*Usage:/);

    const refused = cli(() => awsError('NotAuthorizedException'));
    expect(await refused.run(['token', 'alice@example.com', '--password', 'x'])).toBe(1);
    expect(refused.err).toEqual([expect.stringMatching(/did not accept alice@example.com/)]);
    expect(refused.out).toEqual([]);
  });
});
