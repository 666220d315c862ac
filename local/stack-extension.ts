/**
 * A part of the local stack that is not the API, such as the in-process order workflow runner or the
 * periodic reaper. An extension runs after the table exists and the assets are seeded, and before the
 * API accepts requests, so buy and sell never run without a workflow and the reaper sees orders left
 * by a crash before a restart. It returns how to stop it; the stack calls those in reverse order,
 * after the API closed and before DynamoDB Local goes.
 */
export interface LocalStackEnvironment {
  readonly dynamodbEndpoint: string;
  readonly tableName: string;
}

export type StopExtension = () => Promise<void> | void;

export type LocalStackExtension = (
  environment: LocalStackEnvironment,
) => Promise<StopExtension> | StopExtension;
