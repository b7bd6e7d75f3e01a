/** MOBILE_APP's web view and WECHAT_BANKING: mobile and password, plus the SMS code on a device not yet proven. */
import { PasswordSignIn } from './PasswordSignIn';
import { SignInScreen, useSignedInWith } from './SignInScreen';

export function PasswordSignInScreen({ smsHint, note }: { smsHint: string; note?: string }) {
  const signedInWith = useSignedInWith();
  return (
    <SignInScreen>
      {note ? <p className="bank-hint">{note}</p> : null}
      <PasswordSignIn onSignedIn={(tokens) => signedInWith(tokens)} smsHint={smsHint} />
    </SignInScreen>
  );
}
