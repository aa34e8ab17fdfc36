import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { Ec2ClientFactory } from '../../../../src/core/aws/clientFactory';
import type { Ec2Action } from '../../../../src/core/aws/ec2';
import { Ec2 } from '../../../../src/core/aws/ec2';
import { loadSdk } from '../../../../src/core/aws/loadSdk';
import { errorSentence } from '../../../../src/core/model/errorSentence';
import { AwsApiError } from '../../../../src/core/model/errors';
import { TEST_CONNECTION, useEnv } from '../../helpers/ec2Mock';

/** The session token the SDK signs with; it must never be in anything the extension keeps. */
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLESESSIONTOKEN0123456789';

type Answer =
  'html-500' | 'page-502' | 'empty-500' | 'truncated-500' | 'ec2-error' | 'drop' | 'hang';

/**
 * Answers as a gateway or a broken endpoint would. The HTML page echoes the request's headers, as
 * debugging proxies do, so the signed request's session token is in the body the SDK receives.
 */
function answer(kind: Answer, req: IncomingMessage, res: ServerResponse): void {
  // Signing headers first, so they fall inside the excerpt the log keeps.
  const headers = Object.entries(req.headers)
    .sort(
      ([a], [b]) => Number(b.startsWith('x-amz-security')) - Number(a.startsWith('x-amz-security')),
    )
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join('\n');
  switch (kind) {
    case 'html-500':
      res.writeHead(500, { 'content-type': 'text/html' });
      res.end(
        `<!DOCTYPE html>\n<html><head><title>500</head><body><pre>${headers}</pre></body></html>`,
      );
      return;
    case 'page-502':
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>');
      return;
    case 'empty-500':
      res.writeHead(500, { 'content-length': '0' });
      res.end();
      return;
    case 'truncated-500':
      res.writeHead(500, { 'content-type': 'text/xml' });
      res.end('<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>Internal');
      return;
    case 'ec2-error':
      res.writeHead(400, { 'content-type': 'text/xml' });
      res.end(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidParameterValue</Code><Message>bad</Message></Error></Errors><RequestID>r-1</RequestID></Response>',
      );
      return;
    case 'drop':
      req.socket.destroy();
      return;
    case 'hang':
      return;
  }
}

describe('core/aws: answers that are not EC2 XML, through the real SDK', function () {
  let kind: Answer = 'html-500';
  let url = '';
  let close: () => Promise<void> = () => Promise.resolve();
  let factory: Ec2ClientFactory;
  let ec2: Ec2;
  let actions: Ec2Action[] = [];

  before(async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => answer(kind, req, res));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    actions = Object.keys((await loadSdk()).ec2Commands) as Ec2Action[];
    factory = new Ec2ClientFactory(
      () => ({ ...TEST_CONNECTION, endpointUrl: url, maxAttempts: 1, requestTimeoutMs: 300 }),
      { apiCall: () => undefined },
    );
    ec2 = new Ec2(factory, () => undefined);
  });
  useEnv({
    AWS_PROFILE: undefined,
    AWS_ACCESS_KEY_ID: 'ASIAUNITTESTEXAMPLE',
    AWS_SECRET_ACCESS_KEY: 'unit-test-secret',
    AWS_SESSION_TOKEN: TOKEN,
    AWS_ENDPOINT_URL: undefined,
    AWS_ENDPOINT_URL_EC2: undefined,
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/nonexistent/ami-explorer-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/ami-explorer-credentials',
  });
  after(async () => {
    factory?.reset();
    await close();
  });

  async function failureOf(action: Ec2Action): Promise<AwsApiError> {
    const error = await ec2.send('us-east-1', action, {}).then(
      () => assert.fail(`${action}: expected a rejection`),
      (e: unknown) => e,
    );
    assert.ok(error instanceof AwsApiError, `${action}: ${String(error)}`);
    return error;
  }

  for (const [answerKind, status] of [
    ['html-500', 500],
    ['page-502', 502],
    ['empty-500', 500],
    ['truncated-500', 500],
  ] as const) {
    it(`${answerKind}: every action gets the sentence naming the endpoint, status and action`, async () => {
      kind = answerKind;
      assert.ok(actions.length >= 25);
      for (const action of actions) {
        const error = await failureOf(action);
        const sentence = errorSentence(error);
        assert.equal(
          sentence,
          `The endpoint ${url} answered HTTP ${status} with a page that is not an EC2 response (is a proxy or gateway in between, or does this endpoint not support ${action}?)`,
        );
        assert.doesNotMatch(sentence, /<|Deserialization|\$response|Unknown/);
        assert.equal(error.code, 'NotAnEc2Response');
      }
    });
  }

  it('no kept error object holds the session token or $response, however deeply inspected', async () => {
    const kept: unknown[] = [];
    for (const each of [
      'html-500',
      'page-502',
      'empty-500',
      'truncated-500',
      'ec2-error',
      'drop',
      'hang',
    ] as const) {
      kind = each;
      kept.push(await failureOf('CreateImage'), await failureOf('DescribeImages'));
    }
    for (const error of kept) {
      for (const shown of [
        inspect(error, { depth: Infinity }),
        inspect(error, { depth: Infinity, showHidden: true }),
        JSON.stringify(error),
        String((error as Error).stack),
      ]) {
        assert.ok(!shown.includes(TOKEN), `the token is in ${shown.slice(0, 200)}`);
        assert.ok(!shown.includes('$response'), `$response is in ${shown.slice(0, 300)}`);
      }
    }
    const codes = kept.map((e) => (e as AwsApiError).code);
    assert.deepEqual(
      [...new Set(codes)],
      // A dropped connection is "socket hang up" (ECONNRESET), which the SDK names TimeoutError.
      ['NotAnEc2Response', 'InvalidParameterValue', 'TimeoutError'],
    );
    // The echoing page really carried the token to the SDK: only the redaction kept it out.
    const diagnostic = (kept[0] as AwsApiError).details.diagnostic ?? '';
    assert.match(diagnostic, /x-amz-security-token: \[redacted\]/);
  });
});
