/**
 * The caller's AWS account id, when it is known: from the credentials (SSO and STS-based credentials
 * carry it) or from the owner of images listed with Owners=self. It decides which listed images are
 * "owned" outside the "owned by me" scope; without it those images offer no owner-only actions.
 */
export class AccountIdentity {
  private accountId: string | undefined;

  get(): string | undefined {
    return this.accountId;
  }

  /** Records an account id that is certainly the caller's. */
  learn(accountId: string | undefined): void {
    if (accountId && /^\d{12}$/.test(accountId)) this.accountId = accountId;
  }

  /** Forgets it (another profile or endpoint may be another account). */
  reset(): void {
    this.accountId = undefined;
  }
}
