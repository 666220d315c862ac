import { describe, expect, it } from 'vitest';
import { lockstepTemplate, referencedLogicalId, resource } from './lockstep-template';

describe('stack outputs', () => {
  const template = lockstepTemplate();
  const outputs: Record<string, { Value: unknown }> = template.toJSON().Outputs ?? {};
  const referencedType = (name: string) =>
    resource(template, referencedLogicalId(outputs[name]?.Value) ?? 'missing').Type;

  it('are exactly ApiUrl, UserPoolId and UserPoolClientId', () => {
    expect(Object.keys(outputs).sort()).toEqual(['ApiUrl', 'UserPoolClientId', 'UserPoolId']);
  });

  it('name the user pool and its client', () => {
    expect(referencedType('UserPoolId')).toBe('AWS::Cognito::UserPool');
    expect(referencedType('UserPoolClientId')).toBe('AWS::Cognito::UserPoolClient');
  });

  it('give the HTTPS URL of the HTTP API default stage', () => {
    const apiUrl = JSON.stringify(outputs.ApiUrl?.Value);
    expect(apiUrl).toMatch(/^\{"Fn::Join":\["",\["https:\/\/",\{"Ref":"HttpApi\w+"\},"\.execute-api\./);
    expect(apiUrl).toMatch(/"\/"\]\]\}$/);
  });
});
