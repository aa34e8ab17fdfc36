import { authFailure } from '../protocol/ec2Error';

/** An AWS account the emulator knows. */
export interface AccountInfo {
  /** 12-digit account id. */
  readonly accountId: string;
  /** Owner alias EC2 reports for this account's images (`amazon`, `aws-marketplace`); none for customers. */
  readonly alias?: string;
  /** Organization ARN the account belongs to, for organization launch permissions. */
  readonly organizationArn?: string;
  /** ARNs of the OUs the account sits in (its OU and every parent OU), for OU launch permissions. */
  readonly organizationalUnitArns?: readonly string[];
}

/** An access key and what it may do. */
export interface AccessKeyInfo {
  readonly accessKeyId: string;
  readonly accountId: string;
  /** A read-only principal: mutating actions answer UnauthorizedOperation. */
  readonly readOnly?: boolean;
}

/** Who is calling: resolved from the access key id in the SigV4 credential scope. */
export interface Caller {
  readonly account: AccountInfo;
  readonly readOnly: boolean;
}

/** Accounts and access keys. Unknown keys answer AuthFailure, as EC2 does. */
export class AccountDirectory {
  private readonly accounts = new Map<string, AccountInfo>();
  private readonly keys = new Map<string, AccessKeyInfo>();

  constructor(accounts: readonly AccountInfo[], keys: readonly AccessKeyInfo[]) {
    for (const account of accounts) {
      this.accounts.set(account.accountId, account);
    }
    for (const key of keys) {
      if (!this.accounts.has(key.accountId)) {
        throw new Error(`access key ${key.accessKeyId} names unknown account ${key.accountId}`);
      }
      this.keys.set(key.accessKeyId, key);
    }
  }

  /** The caller behind an access key id, or AuthFailure. */
  callerFor(accessKeyId: string): Caller {
    const key = this.keys.get(accessKeyId);
    const account = key ? this.accounts.get(key.accountId) : undefined;
    if (!key || !account) {
      throw authFailure();
    }
    return { account, readOnly: key.readOnly === true };
  }

  /** An account by id. */
  account(accountId: string): AccountInfo | undefined {
    return this.accounts.get(accountId);
  }

  /** The account id that owns an alias (`amazon`, `aws-marketplace`). */
  accountIdsForAlias(alias: string): string[] {
    return [...this.accounts.values()].filter((a) => a.alias === alias).map((a) => a.accountId);
  }

  /** The alias of an account, if it has one. */
  aliasOf(accountId: string): string | undefined {
    return this.accounts.get(accountId)?.alias;
  }
}
