import { randomInt } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  type AdminInitiateAuthCommandOutput,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
} from '@aws-sdk/client-cognito-identity-provider';
import { ADMIN_GROUP } from '../common/http/identity';
import { lockstepConfig } from '../lib/config';

/**
 * `npm run user -- create <email>` and `npm run user -- token <email>`: users of a deployed stack,
 * through the Cognito admin APIs, with the pool and client read from the stack's outputs. The pool
 * signs users in by email, so the name is an email address. The token is the last line of stdout,
 * alone, so that `$(npm run -s user -- token ... | tail -n 1)` takes it.
 */
export const USAGE = `Usage:
  npm run user -- create <email> [--admin] [--password <password>] [--stack <name>]
  npm run user -- token <email> [--password <password>] [--stack <name>]

  create  adds the user with a permanent password: yours, or a generated one printed once.
          --admin also puts the user in the "${ADMIN_GROUP}" group (PUT /assets/{asset}).
  token   signs the user in and prints an ID token for "Authorization: Bearer", valid one hour.
          The password comes from --password or the LOCKSTEP_PASSWORD environment variable.
  --stack the CloudFormation stack to read (default "${lockstepConfig.stackName}").

AWS credentials and Region come from the usual places: AWS_PROFILE, AWS_REGION, ~/.aws/config.`;

export const PASSWORD_ENV = 'LOCKSTEP_PASSWORD';

export type UserCommand =
  | { readonly kind: 'help' }
  | {
      readonly kind: 'create';
      readonly name: string;
      readonly admin: boolean;
      readonly password: string | undefined;
      readonly stack: string;
    }
  | { readonly kind: 'token'; readonly name: string; readonly password: string; readonly stack: string };

/** The command line was wrong: print the message and the usage, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Something a person can fix, said in a sentence: exit 1, no stack trace. */
export class UserCliError extends Error {
  override readonly name = 'UserCliError';
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const VALUE_FLAGS = new Set(['--password', '--stack']);

export function parseUserArgs(argv: readonly string[], env: NodeJS.ProcessEnv = {}): UserCommand {
  if (argv.length === 0 || argv.includes('--help') || argv.includes('-h')) return { kind: 'help' };
  const positionals: string[] = [];
  const values = new Map<string, string>();
  let admin = false;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? '';
    if (!argument.startsWith('--')) {
      positionals.push(argument);
      continue;
    }
    const [flag = '', inline] = argument.split(/=(.*)/s, 2);
    if (flag === '--admin' && inline === undefined) {
      admin = true;
    } else if (VALUE_FLAGS.has(flag)) {
      const value = inline ?? argv[++index];
      if (value === undefined || value === '') throw new UsageError(`${flag} needs a value.`);
      values.set(flag, value);
    } else {
      throw new UsageError(`Unknown option ${argument}.`);
    }
  }

  const [kind, name, ...extra] = positionals;
  if (kind !== 'create' && kind !== 'token') {
    throw new UsageError(kind === undefined ? 'Say create or token.' : `Unknown command "${kind}".`);
  }
  if (name === undefined) throw new UsageError(`${kind} needs the user's email address.`);
  if (extra.length > 0) throw new UsageError(`Unexpected argument "${extra[0]}".`);
  if (!EMAIL.test(name)) {
    throw new UsageError(`"${name}" is not an email address; the user pool signs users in by email.`);
  }
  const stack = values.get('--stack') ?? lockstepConfig.stackName;
  const password = values.get('--password');
  if (kind === 'create') return { kind, name, admin, password, stack };

  if (admin) throw new UsageError('--admin belongs to create; a token carries the groups the user is in.');
  const tokenPassword = password ?? env[PASSWORD_ENV];
  if (!tokenPassword) {
    throw new UsageError(`token needs the user's password: pass --password, or set ${PASSWORD_ENV}.`);
  }
  return { kind, name, password: tokenPassword, stack };
}

const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const DIGITS = '23456789';
/** Symbols Cognito counts as such that a shell leaves alone inside single quotes and that need no URL escaping. */
const SYMBOLS = '-_.%+=:,@';
const PASSWORD_LENGTH = 20;

/** 20 characters with every class the pool's policy asks for, from the OS's CSPRNG, shuffled. */
export function generatePassword(): string {
  const all = LOWER + UPPER + DIGITS + SYMBOLS;
  const pick = (from: string): string => from[randomInt(from.length)] ?? '';
  const characters = [pick(LOWER), pick(UPPER), pick(DIGITS), pick(SYMBOLS)];
  while (characters.length < PASSWORD_LENGTH) characters.push(pick(all));
  for (let index = characters.length - 1; index > 0; index--) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other] ?? '', characters[index] ?? ''];
  }
  return characters.join('');
}

export interface StackOutputs {
  readonly apiUrl: string;
  readonly userPoolId: string;
  readonly userPoolClientId: string;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** AWS-side failures any command can meet, as something to do about them; undefined for the rest. */
function awsAccessProblem(error: unknown): UserCliError | undefined {
  const name = errorName(error);
  const message = errorMessage(error);
  if (name === 'CredentialsProviderError' || /Could not load credentials/i.test(message)) {
    return new UserCliError(
      'No AWS credentials found. Sign in first (aws configure, aws sso login, or AWS_PROFILE=<profile>), then retry.',
    );
  }
  if (/Region is missing/i.test(message)) {
    return new UserCliError(
      'No AWS Region is set. Use the Region you deployed to: AWS_REGION=<region> (or a region in ~/.aws/config).',
    );
  }
  if (
    ['ExpiredTokenException', 'ExpiredToken', 'UnrecognizedClientException', 'InvalidClientTokenId'].includes(
      name,
    )
  ) {
    return new UserCliError(
      `AWS refused the credentials (${name}): refresh them, e.g. aws sso login, then retry.`,
    );
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied') {
    return new UserCliError(`These AWS credentials may not do that: ${message}`);
  }
  return undefined;
}

/** The deployed stack's ApiUrl, UserPoolId and UserPoolClientId. */
export async function readStackOutputs(
  cloudFormation: CloudFormationClient,
  stack: string,
): Promise<StackOutputs> {
  let outputs: ReadonlyArray<{ OutputKey?: string; OutputValue?: string }>;
  try {
    const { Stacks = [] } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stack }));
    outputs = Stacks[0]?.Outputs ?? [];
  } catch (error) {
    if (errorName(error) === 'ValidationError' && /does not exist/i.test(errorMessage(error))) {
      throw new UserCliError(
        `Stack "${stack}" is not deployed in this account and Region. Deploy it with "npx cdk deploy", or point at it with --stack <name> and AWS_REGION=<region>.`,
      );
    }
    throw awsAccessProblem(error) ?? error;
  }
  const outputValue = (key: string): string => {
    const value = outputs.find((output) => output.OutputKey === key)?.OutputValue;
    if (!value) {
      throw new UserCliError(
        `Stack "${stack}" has no ${key} output. Is it a lockstep stack whose deployment finished? Run "npx cdk deploy" again.`,
      );
    }
    return value;
  };
  const names = lockstepConfig.stackOutputs;
  return {
    apiUrl: outputValue(names.apiUrl),
    userPoolId: outputValue(names.userPoolId),
    userPoolClientId: outputValue(names.userPoolClientId),
  };
}

export interface NewUser {
  readonly name: string;
  readonly password: string;
  readonly admin: boolean;
}

/**
 * Creates the user with a verified email and no invitation (the operator hands over the password),
 * makes the password permanent so no first-login challenge stands between the user and a token, and
 * adds the admin group when asked.
 */
export async function createUser(
  cognito: CognitoIdentityProviderClient,
  outputs: StackOutputs,
  user: NewUser,
): Promise<void> {
  const { userPoolId } = outputs;
  try {
    await cognito.send(
      new AdminCreateUserCommand({
        UserPoolId: userPoolId,
        Username: user.name,
        UserAttributes: [
          { Name: 'email', Value: user.name },
          { Name: 'email_verified', Value: 'true' },
        ],
        MessageAction: 'SUPPRESS',
      }),
    );
    await cognito.send(
      new AdminSetUserPasswordCommand({
        UserPoolId: userPoolId,
        Username: user.name,
        Password: user.password,
        Permanent: true,
      }),
    );
    if (user.admin) {
      await cognito.send(
        new AdminAddUserToGroupCommand({
          UserPoolId: userPoolId,
          Username: user.name,
          GroupName: ADMIN_GROUP,
        }),
      );
    }
  } catch (error) {
    const name = errorName(error);
    if (name === 'UsernameExistsException') {
      throw new UserCliError(
        `${user.name} already exists. Get a token with: npm run -s user -- token ${user.name}`,
      );
    }
    if (name === 'InvalidPasswordException') {
      throw new UserCliError(
        `Cognito refused the password: ${errorMessage(error)} Use 12 or more characters with lower and upper case letters, digits and symbols, or leave out --password to have one generated.`,
      );
    }
    throw awsAccessProblem(error) ?? error;
  }
}

/** Signs in with the admin password flow (the stack's client allows it) and returns the ID token. */
export async function issueToken(
  cognito: CognitoIdentityProviderClient,
  outputs: StackOutputs,
  credentials: { readonly name: string; readonly password: string },
): Promise<string> {
  let result: AdminInitiateAuthCommandOutput;
  try {
    result = await cognito.send(
      new AdminInitiateAuthCommand({
        UserPoolId: outputs.userPoolId,
        ClientId: outputs.userPoolClientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: credentials.name, PASSWORD: credentials.password },
      }),
    );
  } catch (error) {
    if (errorName(error) === 'NotAuthorizedException' || errorName(error) === 'UserNotFoundException') {
      throw new UserCliError(
        `Cognito did not accept ${credentials.name} with that password. Check both, or create the user with: npm run user -- create ${credentials.name}`,
      );
    }
    throw awsAccessProblem(error) ?? error;
  }
  if (result.ChallengeName) {
    throw new UserCliError(
      `Cognito wants the ${result.ChallengeName} challenge answered before it issues a token; users made by "npm run user -- create" never need one.`,
    );
  }
  const token = result.AuthenticationResult?.IdToken;
  if (!token) throw new UserCliError('Cognito answered without an ID token.');
  return token;
}

export interface CliDependencies {
  readonly env: NodeJS.ProcessEnv;
  readonly cloudFormation: () => CloudFormationClient;
  readonly cognito: () => CognitoIdentityProviderClient;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/** Runs one command; returns the exit code: 0 done, 1 failed, 2 wrong command line. */
export async function runUserCli(argv: readonly string[], deps: CliDependencies): Promise<number> {
  let command: UserCommand;
  try {
    command = parseUserArgs(argv, deps.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    deps.err(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (command.kind === 'help') {
    deps.out(USAGE);
    return 0;
  }
  try {
    const outputs = await readStackOutputs(deps.cloudFormation(), command.stack);
    if (command.kind === 'create') {
      const password = command.password ?? generatePassword();
      await createUser(deps.cognito(), outputs, { name: command.name, password, admin: command.admin });
      deps.out(`Created ${command.name}${command.admin ? ` (in the ${ADMIN_GROUP} group)` : ''}.`);
      if (!command.password) deps.out(`Password, shown only now: ${password}`);
      deps.out(`Get a token:  ${PASSWORD_ENV}='<password>' npm run -s user -- token ${command.name}`);
      deps.out(`Call the API: curl -H "Authorization: Bearer $TOKEN" ${outputs.apiUrl}balance`);
      return 0;
    }
    deps.out(await issueToken(deps.cognito(), outputs, command));
    return 0;
  } catch (error) {
    if (!(error instanceof UserCliError)) throw error;
    deps.err(error.message);
    return 1;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = await runUserCli(process.argv.slice(2), {
    env: process.env,
    cloudFormation: () => new CloudFormationClient({}),
    cognito: () => new CognitoIdentityProviderClient({}),
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  });
}
