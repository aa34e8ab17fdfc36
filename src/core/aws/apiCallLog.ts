/** One finished EC2 call, as the log records it. Never holds credentials or request parameters. */
export interface ApiCallRecord {
  action: string;
  region: string;
  durationMs: number;
  /** `ok`, or the error code / name. */
  outcome: string;
  requestId?: string;
  attempts?: number;
  httpStatus?: number;
}

/** Receives a record for every EC2 call (the extension writes them to its log channel). */
export interface ApiCallLogger {
  apiCall(record: ApiCallRecord): void;
}

/** Formats a record as one log line. */
export function formatApiCall(record: ApiCallRecord): string {
  const parts = [
    `${record.action}`,
    `region=${record.region}`,
    `${Math.round(record.durationMs)}ms`,
    record.outcome,
  ];
  if (record.attempts !== undefined && record.attempts > 1)
    parts.push(`attempts=${record.attempts}`);
  if (record.httpStatus !== undefined && record.outcome !== 'ok')
    parts.push(`status=${record.httpStatus}`);
  if (record.requestId) parts.push(`requestId=${record.requestId}`);
  return parts.join(' ');
}
