import { Ec2Error } from '../protocol/ec2Error';

/** InvalidUserID.Malformed, which EC2 answers for owner/user values it cannot parse. */
export function malformedUserId(value: string): Ec2Error {
  return new Ec2Error('InvalidUserID.Malformed', `Invalid user id: "${value}"`);
}

/** True for a 12-digit AWS account id. */
export function isAccountId(value: string): boolean {
  return /^\d{12}$/.test(value);
}
