import type * as vscode from 'vscode';
import type { ApiCallLogger } from './core/aws/apiCallLog';
import { formatApiCall } from './core/aws/apiCallLog';
import { AwsApiError } from './core/model/errors';

/** Writes each EC2 call to the log channel: action, region, duration, outcome, request id. */
export function apiCallLogger(channel: vscode.LogOutputChannel): ApiCallLogger {
  return {
    apiCall(record) {
      const line = formatApiCall(record);
      if (record.outcome === 'ok') channel.info(line);
      else channel.warn(line);
    },
  };
}

/** Logs an error with everything useful for a bug report (never credentials: errors hold none). */
export function logError(channel: vscode.LogOutputChannel, what: string, error: unknown): void {
  if (error instanceof AwsApiError) {
    const { context, details } = error;
    channel.error(
      `${what}: ${error.code}${context.region ? ` in ${context.region}` : ''}${
        context.action ? ` (${context.action})` : ''
      }${details.httpStatus !== undefined ? ` status=${details.httpStatus}` : ''}${
        details.requestId ? ` requestId=${details.requestId}` : ''
      }: ${details.awsMessage ?? error.message}${details.diagnostic ? ` (${details.diagnostic})` : ''}`,
    );
    return;
  }
  channel.error(`${what}:`, error instanceof Error ? error : String(error));
}
