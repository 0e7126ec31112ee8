import { gatewayOrigin, type CREDENTIAL_BINDING_PROBLEMS } from '@balance-desk/contract';

/**
 * Why a signed call may not go to a gateway: the stored app secret or session key belongs to
 * another origin (or to none). These are the `not-configured` texts of lookups and connection tests.
 */
export type BindingProblem = (typeof CREDENTIAL_BINDING_PROBLEMS)[number];

/** The credentials of one call and the gateway origins they belong to. */
export interface BoundCredentials {
  gatewayUrl: string;
  /** The origin the app secret was entered or provisioned for; undefined = bound to nothing. */
  appSecretOrigin: string | undefined;
  /** The session key sent with the call, if any. */
  session: string | undefined;
  sessionOrigin: string | undefined;
}

/**
 * The one check before anything is signed: the gateway's origin (scheme, host, port) must be the
 * one the app secret belongs to, and the session key's too when one is sent. A secret entered for
 * one gateway must not sign a request to another: one captured md5-signed request is enough to
 * test guesses of the secret offline, and the session key travels in clear in the request.
 */
export function bindingProblem(credentials: BoundCredentials): BindingProblem | undefined {
  const origin = gatewayOrigin(credentials.gatewayUrl);
  if (origin === undefined || credentials.appSecretOrigin !== origin) return 'app-secret-other-gateway';
  if (credentials.session !== undefined && credentials.sessionOrigin !== origin)
    return 'session-key-other-gateway';
  return undefined;
}

/** Thrown where a client would be built for a gateway its credentials do not belong to. */
export class CredentialOriginError extends Error {
  constructor(readonly problem: BindingProblem) {
    super(`the stored credentials belong to another gateway (${problem}); enter them again for this one`);
    this.name = 'CredentialOriginError';
  }
}
