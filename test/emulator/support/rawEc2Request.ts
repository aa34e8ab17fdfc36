/** A raw POST to the emulator, for protocol details the SDK hides (headers, envelopes). */
export async function rawEc2Request(
  url: string,
  body: string,
  options: { accessKeyId?: string; region?: string; authorization?: string | null } = {},
): Promise<{ status: number; headers: Headers; text: string }> {
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  if (options.authorization !== null) {
    headers.authorization =
      options.authorization ??
      `AWS4-HMAC-SHA256 Credential=${options.accessKeyId ?? 'AKIAAMIEXPLORERDEMO1'}/20250101/${options.region ?? 'us-east-1'}/ec2/aws4_request, SignedHeaders=host, Signature=00`;
  }
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, headers: response.headers, text: await response.text() };
}
