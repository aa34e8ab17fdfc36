/**
 * An error EC2 would answer with: it becomes the `<Response><Errors><Error>` envelope.
 * Handlers throw it; the dispatcher renders it. Anything else thrown is an InternalError (500),
 * so bad input can never crash the server.
 */
export class Ec2Error extends Error {
  /** EC2 error code, e.g. `InvalidAMIID.NotFound`; the SDK uses it as the exception name. */
  readonly code: string;
  /** HTTP status EC2 uses for this code. */
  readonly status: number;

  constructor(code: string, message: string, status = 400) {
    super(message);
    this.name = 'Ec2Error';
    this.code = code;
    this.status = status;
  }
}

/** `MissingParameter` as EC2 words it. */
export function missingParameter(name: string): Ec2Error {
  return new Ec2Error('MissingParameter', `The request must contain the parameter ${name}`);
}

/** `InvalidParameterValue` for a value EC2 would reject. */
export function invalidParameterValue(message: string): Ec2Error {
  return new Ec2Error('InvalidParameterValue', message);
}

/** `InvalidParameterCombination` for parameters that must not be used together. */
export function invalidParameterCombination(message: string): Ec2Error {
  return new Ec2Error('InvalidParameterCombination', message);
}

/** `AuthFailure` with the wording EC2 uses for unknown keys and not-opted-in regions (HTTP 401). */
export function authFailure(
  message = 'AWS was not able to validate the provided access credentials',
): Ec2Error {
  return new Ec2Error('AuthFailure', message, 401);
}

/** `UnauthorizedOperation` (HTTP 403), e.g. for the read-only demo key calling a mutating action. */
export function unauthorizedOperation(): Ec2Error {
  return new Ec2Error(
    'UnauthorizedOperation',
    'You are not authorized to perform this operation.',
    403,
  );
}

/** HTTP status EC2 uses for codes that are not plain 400s. */
export function statusForCode(code: string): number {
  switch (code) {
    case 'AuthFailure':
    case 'MissingAuthenticationToken':
      return 401;
    case 'UnauthorizedOperation':
      return 403;
    case 'DryRunOperation':
      return 412;
    case 'InternalError':
    case 'InternalFailure':
      return 500;
    case 'RequestLimitExceeded':
    case 'Unavailable':
    case 'ServiceUnavailable':
      return 503;
    default:
      return 400;
  }
}
