/**
 * EC2's query protocol as the SDK implements it, reading answers with `parseXmlFast` (see
 * `fastXml.ts`): the same objects, the same typed output, the same errors, at a fraction of the
 * CPU. Part of the SDK chunk (`sdk.ts`); clients get it through their `protocol` setting.
 */
import { AwsEc2QueryProtocol, XmlShapeDeserializer } from '@aws-sdk/core/protocols';
import { getValueFromTextNode } from '@smithy/core/client';
import { parseXmlFast } from './fastXml';

/** The SDK's XML deserializer with the faster reader; what the reader leaves goes to the SDK's. */
class FastXmlShapeDeserializer extends XmlShapeDeserializer {
  // The SDK types the parsed document as `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  protected override parseXml(xml: string): any {
    const parsed = xml.length > 0 ? parseXmlFast(xml) : undefined;
    if (parsed === undefined) return super.parseXml(xml);
    const { document, hasTextNodes } = parsed;
    const key = Object.keys(document)[0] ?? '';
    const root = document[key] as Record<string, unknown>;
    // Without `#text` anywhere, what follows (as XmlShapeDeserializer.parseXml does it with the SDK
    // reader's result) would change nothing: skip its walk over the whole document.
    if (!hasTextNodes) return root;
    if (root['#text']) {
      root[key] = root['#text'];
      delete root['#text'];
    }
    return getValueFromTextNode(root);
  }
}

/** `AwsEc2QueryProtocol` with `FastXmlShapeDeserializer`. */
export class Ec2QueryProtocol extends AwsEc2QueryProtocol {
  constructor(options: ConstructorParameters<typeof AwsEc2QueryProtocol>[0]) {
    super(options);
    this.deserializer = new FastXmlShapeDeserializer(this.deserializer.settings);
  }
}
