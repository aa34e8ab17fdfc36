import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { inspect } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { DescribeImagesCommand, DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
// The SDK's own reader, which parseXmlFast must match (a dependency of @aws-sdk/core).
import { parseXML } from '@aws-sdk/xml-builder';
import { Ec2QueryProtocol } from '../../../../src/core/aws/ec2Protocol';
import { parseXmlFast } from '../../../../src/core/aws/fastXml';

/** parseXmlFast agrees with the SDK: the same document, or it leaves the text to the SDK. */
function agrees(xml: string): 'same' | 'left to the SDK' {
  const fast = parseXmlFast(xml);
  if (fast === undefined) return 'left to the SDK';
  assert.deepStrictEqual(fast.document, parseXML(xml), `for ${JSON.stringify(xml)}`);
  return 'same';
}

const XMLNS = 'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"';

/** A DescribeImages answer as EC2 writes it: indented, one image per `item`. */
function describeImagesAnswer(images: number, indent: boolean): string {
  const nl = indent ? '\n' : '';
  const pad = (n: number): string => (indent ? ' '.repeat(n) : '');
  const items = Array.from(
    { length: images },
    (_, i) =>
      `${pad(8)}<item>${nl}` +
      `${pad(12)}<imageId>ami-${String(i).padStart(17, '0')}</imageId>${nl}` +
      `${pad(12)}<imageLocation>111111111111/web &amp; api &lt;${i}&gt;</imageLocation>${nl}` +
      `${pad(12)}<imageState>available</imageState>${nl}` +
      `${pad(12)}<imageOwnerId>111111111111</imageOwnerId>${nl}` +
      `${pad(12)}<creationDate>2024-01-0${(i % 9) + 1}T10:00:00.000Z</creationDate>${nl}` +
      `${pad(12)}<isPublic>${i % 2 === 0 ? 'false' : 'true'}</isPublic>${nl}` +
      `${pad(12)}<architecture>x86_64</architecture>${nl}` +
      `${pad(12)}<name>web &quot;${i}&quot; &#233;t&#xE9; &apos;x&apos;</name>${nl}` +
      `${pad(12)}<description/>${nl}` +
      `${pad(12)}<productCodes>${nl}${pad(16)}<item>${nl}${pad(20)}<productCode>abc</productCode>${nl}${pad(20)}<type>marketplace</type>${nl}${pad(16)}</item>${nl}${pad(12)}</productCodes>${nl}` +
      `${pad(12)}<rootDeviceType>ebs</rootDeviceType>${nl}` +
      `${pad(12)}<blockDeviceMapping>${nl}` +
      (i % 3 === 0
        ? ''
        : `${pad(16)}<item>${nl}${pad(20)}<deviceName>/dev/xvda</deviceName>${nl}${pad(20)}<ebs>${nl}${pad(24)}<snapshotId>snap-0${i}</snapshotId>${nl}${pad(24)}<volumeSize>${8 + i}</volumeSize>${nl}${pad(24)}<deleteOnTermination>true</deleteOnTermination>${nl}${pad(20)}</ebs>${nl}${pad(16)}</item>${nl}`) +
      (i % 2 === 0
        ? `${pad(16)}<item>${nl}${pad(20)}<deviceName>/dev/sdb</deviceName>${nl}${pad(20)}<virtualName>ephemeral0</virtualName>${nl}${pad(16)}</item>${nl}`
        : '') +
      `${pad(12)}</blockDeviceMapping>${nl}` +
      `${pad(12)}<stateReason>${nl}${pad(16)}<code>x</code>${nl}${pad(16)}<message>a &lt;b&gt; c</message>${nl}${pad(12)}</stateReason>${nl}` +
      `${pad(12)}<tagSet>${nl}${pad(16)}<item>${nl}${pad(20)}<key>Name</key>${nl}${pad(20)}<value> spaced  </value>${nl}${pad(16)}</item>${nl}${pad(16)}<item>${nl}${pad(20)}<key>empty</key>${nl}${pad(20)}<value></value>${nl}${pad(16)}</item>${nl}${pad(12)}</tagSet>${nl}` +
      `${pad(12)}<deregistrationProtection>disabled</deregistrationProtection>${nl}` +
      `${pad(8)}</item>${nl}`,
  ).join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>${nl}<DescribeImagesResponse ${XMLNS}>${nl}` +
    `${pad(4)}<requestId>59dbff89-35bd-4eac-99ed-be587EXAMPLE</requestId>${nl}` +
    `${pad(4)}<imagesSet>${nl}${items}${pad(4)}</imagesSet>${nl}` +
    `${pad(4)}<nextToken>tok&amp;en/+=</nextToken>${nl}</DescribeImagesResponse>${nl}`
  );
}

/** A small deterministic generator (mulberry32), so a failing case can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random XML-ish documents: mostly well formed, with the characters and shapes that matter. */
function randomDocument(next: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const names = ['a', 'item', 'b', 'imageId', 'constructor', 'toString', 'x-y', 'valueOf'];
  const texts = [
    'v',
    ' ',
    '\n',
    '\n  ',
    '  \n',
    '\t',
    '\u00a0\n',
    'a b',
    '&amp;',
    '&lt;x&gt;',
    '&#65;',
    '&#x263A;',
    '&#x1F600;',
    '&nbsp;',
    '&bogus;',
    '&',
    '& amp;',
    '>',
    '"',
    "'",
    'é',
  ];
  const element = (depth: number): string => {
    const name = pick(names);
    const attrs =
      next() < 0.15
        ? ` ${pick(['k', 'xmlns', 'id', 'item'])}=${pick(['"1"', "'a&amp;b'", '"x>y"', '""'])}`
        : '';
    const space = next() < 0.05 ? ' ' : '';
    if (next() < 0.1) return `<${name}${attrs}${space}/>`;
    const parts: string[] = [];
    const n = depth > 3 ? 0 : Math.floor(next() * 4);
    for (let i = 0; i < n; i++) parts.push(element(depth + 1));
    const content = Array.from({ length: 1 + Math.floor(next() * 3) }, () =>
      next() < 0.5 ? pick(texts) : (parts.shift() ?? ''),
    ).join('');
    const close = next() < 0.05 ? `</${name} >` : next() < 0.02 ? '</other>' : `</${name}>`;
    return `<${name}${attrs}>${content}${parts.join('')}${close}`;
  };
  const prolog = next() < 0.5 ? '<?xml version="1.0" encoding="UTF-8"?>\n' : pick(['', ' ', '\n']);
  const odd = next() < 0.05 ? pick(['<!-- c -->', '<![CDATA[<a>]]>', '<?pi x?>', '\r\n']) : '';
  return `${prolog}${element(0).replace('</', `${odd}</`)}`;
}

describe('core/aws/fastXml: the same documents as the SDK reader, faster', () => {
  it('reads an EC2 DescribeImages answer, indented or not, as the SDK does', () => {
    assert.equal(agrees(describeImagesAnswer(30, true)), 'same');
    assert.equal(agrees(describeImagesAnswer(30, false)), 'same');
  });

  const cases: [string, string, 'same' | 'left to the SDK'][] = [
    ['a leaf', '<a>v</a>', 'same'],
    ['an empty element', '<a></a>', 'same'],
    ['a self-closing element', '<r><a/><b /></r>', 'same'],
    ['attributes', '<r k="1" j=\'2\'><a x="&lt;&amp;"/></r>', 'same'],
    ['an attribute value with ">" in it', '<r k="a>b"><c>1</c></r>', 'same'],
    ['repeated children become a list', '<r><i>1</i><i>2</i><i>3</i><j>4</j></r>', 'same'],
    ['indentation is dropped', '<r>\n  <a>1</a>\n  <a>2</a>\n</r>', 'same'],
    ['whitespace without a line break is kept', '<r> <a>1</a></r>', 'same'],
    ['a whitespace-only leaf with a line break is empty', '<r><a>\n  </a></r>', 'same'],
    ['text beside elements', '<r>x<a>1</a>y</r>', 'same'],
    ['text beside attributes', '<r k="1">x</r>', 'same'],
    ['entities', '<a>&lt;&gt;&amp;&quot;&apos;&#65;&#x42;&#x1F600;&#1234567;</a>', 'same'],
    ['a lone ampersand', '<a>a & b &amp c</a>', 'same'],
    ['inherited names as children', '<r><constructor>1</constructor><toString/></r>', 'same'],
    ['an end tag with a space', '<r><a>1</a ></r>', 'same'],
    ['the XML declaration and leading space', ' \n<?xml version="1.0"?>\n<r>1</r>', 'same'],
    ['trailing content after the root', '<r>1</r>\n<junk', 'same'],
    ['an unknown entity', '<a>&nbsp;</a>', 'left to the SDK'],
    ['a comment', '<r><!-- c --><a>1</a></r>', 'left to the SDK'],
    ['CDATA', '<r><![CDATA[<a>]]></r>', 'left to the SDK'],
    ['a processing instruction inside', '<r><?pi?></r>', 'left to the SDK'],
    ['a DOCTYPE', '<!DOCTYPE html><html></html>', 'left to the SDK'],
    ['carriage returns', '<r>\r\n<a>1</a></r>', 'left to the SDK'],
    ['a __proto__ element', '<r><__proto__>1</__proto__></r>', 'left to the SDK'],
    ['mismatched tags', '<r><a>1</b></r>', 'left to the SDK'],
    ['a truncated answer', '<Response><Errors><Error><Code>Internal', 'left to the SDK'],
    ['an empty answer', '', 'left to the SDK'],
    ['an HTML page', '<html><head><title>502</head><body>x</body></html>', 'left to the SDK'],
  ];
  for (const [what, xml, expected] of cases) {
    it(`${what}: ${expected}`, () => {
      assert.equal(agrees(xml), expected);
    });
  }

  it('agrees with the SDK on 3,000 random documents (or leaves them to it)', () => {
    const next = random(20261130);
    let same = 0;
    for (let i = 0; i < 3000; i++) {
      const xml = randomDocument(next);
      let sdk: unknown;
      try {
        sdk = parseXML(xml);
      } catch {
        // The SDK refuses it: the fast reader must not read it either.
        assert.equal(parseXmlFast(xml), undefined, `the SDK refuses ${JSON.stringify(xml)}`);
        continue;
      }
      const fast = parseXmlFast(xml);
      if (fast === undefined) continue;
      assert.deepStrictEqual(fast.document, sdk, `for ${JSON.stringify(xml)}`);
      same++;
    }
    // Most of them are read here, not left to the SDK (else this test would prove little).
    assert.ok(same > 1000, `only ${same} read`);
  });

  it('agrees with the SDK on every truncation of an answer (or leaves it to the SDK)', () => {
    const xml = describeImagesAnswer(1, true);
    for (let end = 0; end < xml.length; end++) {
      const cut = xml.slice(0, end);
      let sdk: unknown;
      try {
        sdk = parseXML(cut);
      } catch {
        assert.equal(parseXmlFast(cut), undefined, `the SDK refuses ${JSON.stringify(cut)}`);
        continue;
      }
      const fast = parseXmlFast(cut);
      if (fast !== undefined) assert.deepStrictEqual(fast.document, sdk);
    }
  });

  it('says whether any element has #text, so the SDK walk over the document can be skipped', () => {
    assert.equal(parseXmlFast(describeImagesAnswer(3, true))?.hasTextNodes, false);
    assert.equal(parseXmlFast('<r k="1">x</r>')?.hasTextNodes, true);
    assert.equal(parseXmlFast('<r><a>x<b/></a></r>')?.hasTextNodes, true);
  });
});

describe('core/aws/ec2Protocol: the same SDK output and errors with the faster reader', () => {
  /** A client that answers every request with `status` and `body`, and nothing else. */
  function client(status: number, body: string, fast: boolean): EC2Client {
    return new EC2Client({
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' },
      maxAttempts: 1,
      ...(fast ? { protocol: Ec2QueryProtocol } : {}),
      requestHandler: {
        handle: () =>
          Promise.resolve({
            response: {
              statusCode: status,
              headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': 'r-1' },
              body: Readable.from([Buffer.from(body, 'utf8')]),
            },
          }),
      },
    });
  }

  async function both<T>(
    status: number,
    body: string,
    send: (c: EC2Client) => Promise<T>,
  ): Promise<[T | Error, T | Error]> {
    const outcome = (c: EC2Client): Promise<T | Error> =>
      send(c).catch((error: unknown) => error as Error);
    return [await outcome(client(status, body, false)), await outcome(client(status, body, true))];
  }

  const describe = (c: EC2Client) =>
    c.send(new DescribeImagesCommand({ Owners: ['self'], MaxResults: 1000 }));

  it('gives the same DescribeImages output, images, tags, devices and token included', async () => {
    for (const indent of [true, false]) {
      const [sdk, fast] = await both(200, describeImagesAnswer(50, indent), describe);
      if (sdk instanceof Error || fast instanceof Error) assert.fail(`failed: ${inspect(sdk)}`);
      assert.deepStrictEqual(fast, sdk);
      assert.equal(fast.Images?.length, 50);
      assert.equal(fast.NextToken, 'tok&en/+=');
      assert.equal(fast.Images?.[1]?.Name, 'web "1" été \'x\'');
    }
  });

  it('gives the same output when elements have text beside them (the #text the SDK lifts)', async () => {
    const body =
      `<DescribeImagesResponse ${XMLNS}>stray<requestId>r</requestId><imagesSet><item>` +
      '<imageId a="1">ami-1</imageId><name>n<b/>m</name><tagSet><item><key>k</key>' +
      '<value v="x">v</value></item></tagSet></item></imagesSet></DescribeImagesResponse>';
    assert.equal(parseXmlFast(body)?.hasTextNodes, true);
    const [sdk, fast] = await both(200, body, describe);
    assert.deepStrictEqual(fast, sdk);
  });

  it('gives the same DescribeInstances output (reservations, groups, states)', async () => {
    const body =
      `<DescribeInstancesResponse ${XMLNS}>\n <requestId>r</requestId>\n <reservationSet>\n` +
      '  <item><reservationId>r-1</reservationId><ownerId>111111111111</ownerId><groupSet/>' +
      '<instancesSet><item><instanceId>i-1</instanceId><imageId>ami-1</imageId>' +
      '<instanceState><code>16</code><name>running</name></instanceState>' +
      '<launchTime>2024-01-01T00:00:00.000Z</launchTime><tagSet><item><key>Name</key>' +
      '<value>web</value></item></tagSet></item></instancesSet></item>\n </reservationSet>\n' +
      '</DescribeInstancesResponse>';
    const [sdk, fast] = await both(200, body, (c) => c.send(new DescribeInstancesCommand({})));
    if (sdk instanceof Error || fast instanceof Error) assert.fail(`failed: ${inspect(sdk)}`);
    assert.deepStrictEqual(fast, sdk);
    assert.equal(fast.Reservations?.[0]?.Instances?.[0]?.State?.Name, 'running');
  });

  it('throws the same EC2 error, and the same error for an answer that is not EC2 XML', async () => {
    const answers: [number, string][] = [
      [
        400,
        '<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>InvalidAMIID.Malformed</Code><Message>Invalid id: "ami-x" &amp; more</Message></Error></Errors><RequestID>r-1</RequestID></Response>',
      ],
      [503, '<Response><Errors><Error><Code>Unavailable</Code></Error></Errors></Response>'],
      [500, '<html><head><title>500</head><body><pre>x</pre></body></html>'],
      [200, '<DescribeImagesResponse><imagesSet><item><imageId>ami-1'],
      [200, '<!DOCTYPE html><html><body>proxy login</body></html>'],
    ];
    for (const [status, body] of answers) {
      const [sdk, fast] = await both(status, body, describe);
      if (!(sdk instanceof Error)) {
        assert.deepStrictEqual(fast, sdk, `${status} ${body}`);
        continue;
      }
      assert.ok(fast instanceof Error, `${status} ${body}: no error with the faster reader`);
      assert.equal(fast.name, sdk.name, body);
      assert.equal(fast.message, sdk.message, body);
      assert.deepStrictEqual(
        (fast as { $metadata?: unknown }).$metadata,
        (sdk as { $metadata?: unknown }).$metadata,
      );
    }
  });
});

describe('core/aws/fastXml: what it reads does not keep the answer alive', () => {
  it('a kept text of an answer does not hold the answer', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const kept: string[] = [];
    const heapWith = (): number => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    /** Two texts of a 4 MB answer: one long id and one decoded location. */
    const twoTexts = (): string[] => {
      const parsed = parseXmlFast(describeImagesAnswer(4000, false));
      const images = (parsed?.document.DescribeImagesResponse as Record<string, unknown>)
        .imagesSet as { item: { imageId: string; imageLocation: string }[] };
      return [images.item[7]?.imageId ?? '', images.item[9]?.imageLocation ?? ''];
    };
    const before = heapWith();
    for (let i = 0; i < 4; i++) kept.push(...twoTexts());
    // The last subject of a regular expression is held until the next one runs.
    /x/.exec('x');
    const grown = heapWith() - before;
    assert.equal(kept.length, 8);
    assert.ok(grown < 1_000_000, `${grown} bytes still held for 8 kept texts`);
  });
});
