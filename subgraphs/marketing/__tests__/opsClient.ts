/** Calls a center as a staff member on OPS (the gateway identity is what centers see, without a staff sign-in). */
import { INTERNAL_IDENTITY_HEADER, StaffRole, signGatewayIdentity } from '../../../platform/identity/identity';
import type { GraphQLResponse, TestPlatform } from '../../../test/support/platform';

export async function callAsStaff<Data>(
  platform: TestPlatform,
  document: string,
  variables: Record<string, unknown>,
  roles: StaffRole[] = ['OPERATOR'],
): Promise<GraphQLResponse<Data>> {
  const identity = await signGatewayIdentity(
    { channel: 'OPS', userId: 'ops-1', authLevel: 2, roles },
    { audience: 'marketing', clock: platform.clock },
  );
  const response = await fetch(platform.centers.marketing!.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [INTERNAL_IDENTITY_HEADER]: identity },
    body: JSON.stringify({ query: document, variables }),
  });
  return { status: response.status, body: (await response.json()) as GraphQLResponse<Data>['body'] };
}
