/**
 * The bench's scripted clients prove their device at password sign-in the way each channel's real
 * client does (subgraphs/auth/service/deviceProof.ts): the app signs a sign-in nonce with the demo
 * phone's device key; a browser presents the device cookie the auth center signed for the seeded
 * device (the cookie a browser keeps after its SMS verification).
 */
import { demoDeviceKey, signDeviceNonce } from '../../subgraphs/auth/demoDeviceKeys';
import { deviceTokenFor } from '../../subgraphs/auth/service/deviceProof';
import type { DemoCustomer } from '../../subgraphs/kit/demo';
import { DEVICE_COOKIE } from '../../gateway/plugins/deviceCookie';
import { documentId, readOperationDocument } from '../../gateway/plugins/trustedDocuments/channelOperations';

/** The `Cookie` header of a browser whose seeded device (`d-<deviceId>`) was verified. */
export function deviceCookie(customer: DemoCustomer): string {
  return `${DEVICE_COOKIE}=${deviceTokenFor({ id: `d-${customer.deviceId}`, userId: customer.id, deviceId: customer.deviceId })}`;
}

/** MOBILE_APP: a fresh nonce (the channel's trusted document) signed with the demo phone's key. */
export async function deviceKeyProof(gatewayUrl: string, customer: DemoCustomer) {
  const key = demoDeviceKey(customer.id);
  const response = await fetch(gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-channel': 'MOBILE_APP' },
    body: JSON.stringify({
      documentId: documentId(readOperationDocument('MOBILE_APP', 'StartDeviceKeyLogin')),
      variables: { deviceKeyId: key.id },
    }),
  });
  const body = (await response.json()) as { data?: { startDeviceKeyLogin?: { nonceId: string; nonce: string } }; errors?: unknown };
  const nonce = body.data?.startDeviceKeyLogin;
  if (!nonce) throw new Error(`bench device nonce failed: ${JSON.stringify(body.errors)}`);
  return { deviceKeyId: key.id, nonceId: nonce.nonceId, signature: signDeviceNonce(key.privateKey, nonce.nonce) };
}
