/** What the SigV4 `Authorization` header tells us about the caller. */
export interface CredentialScope {
  /** Access key id, used to look up the caller's account. */
  readonly accessKeyId: string;
  /** Region from the credential scope: with a custom endpoint it is the only place the region travels. */
  readonly region: string;
  /** Service from the credential scope (`ec2`). */
  readonly service: string;
}

/**
 * Reads `Credential=AKID/yyyymmdd/region/service/aws4_request` from a SigV4 Authorization header.
 * The signature is not verified: the emulator accepts any secret, by design.
 * Returns undefined when the header is missing or not SigV4.
 */
export function parseCredentialScope(
  authorization: string | undefined,
): CredentialScope | undefined {
  if (authorization === undefined || !authorization.startsWith('AWS4-HMAC-SHA256 ')) {
    return undefined;
  }
  const match = /Credential=([^/\s,]+)\/(\d{8})\/([^/\s,]+)\/([^/\s,]+)\/aws4_request/.exec(
    authorization,
  );
  if (!match?.[1] || !match[3] || !match[4]) {
    return undefined;
  }
  return { accessKeyId: match[1], region: match[3].toLowerCase(), service: match[4] };
}
