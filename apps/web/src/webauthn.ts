/**
 * Passkeys with the browser's WebAuthn API: the platform hands over the options as JSON
 * (`optionsJson`, `passkeyOptionsJson`) and takes the credential back as JSON (`responseJson`).
 */
type JsonCredential = { toJSON(): unknown };
type PublicKeyCredentialStatic = typeof PublicKeyCredential & {
  parseRequestOptionsFromJSON?(options: unknown): PublicKeyCredentialRequestOptions;
  parseCreationOptionsFromJSON?(options: unknown): PublicKeyCredentialCreationOptions;
};

export const passkeysSupported = () =>
  typeof window.PublicKeyCredential === 'function' &&
  typeof (window.PublicKeyCredential as PublicKeyCredentialStatic).parseRequestOptionsFromJSON === 'function';

/** Signs the platform's challenge with a passkey; answers the credential as JSON text. */
export async function getPasskey(optionsJson: string): Promise<string> {
  const parse = (window.PublicKeyCredential as PublicKeyCredentialStatic).parseRequestOptionsFromJSON;
  if (!parse) throw new Error('此浏览器不支持通行密钥');
  const credential = (await navigator.credentials.get({ publicKey: parse(JSON.parse(optionsJson)) })) as unknown as JsonCredential | null;
  if (!credential) throw new Error('未完成通行密钥验证');
  return JSON.stringify(credential.toJSON());
}

/** Creates a passkey for the platform's registration options; answers the credential as JSON text. */
export async function createPasskey(optionsJson: string): Promise<string> {
  const parse = (window.PublicKeyCredential as PublicKeyCredentialStatic).parseCreationOptionsFromJSON;
  if (!parse) throw new Error('此浏览器不支持通行密钥');
  const credential = (await navigator.credentials.create({
    publicKey: parse(JSON.parse(optionsJson)),
  })) as unknown as JsonCredential | null;
  if (!credential) throw new Error('未完成通行密钥创建');
  return JSON.stringify(credential.toJSON());
}
