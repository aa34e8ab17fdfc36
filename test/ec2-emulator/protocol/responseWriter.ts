import type { ServerResponse } from 'node:http';
import type { Sleeper } from '../faults/sleeper';
import type { XmlChild } from './xmlWriter';
import { el, renderXmlDocument } from './xmlWriter';

/** The namespace of every EC2 Query API response. */
export const ec2Namespace = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** `<{Action}Response xmlns=…><requestId>…</requestId>…</{Action}Response>`. */
export function successDocument(
  action: string,
  requestId: string,
  children: readonly XmlChild[],
): string {
  return renderXmlDocument({
    name: `${action}Response`,
    attributes: { xmlns: ec2Namespace },
    children: [el('requestId', requestId), ...children],
  });
}

/** EC2's error envelope: `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`. */
export function errorDocument(code: string, message: string, requestId: string): string {
  return renderXmlDocument(
    el(
      'Response',
      el('Errors', el('Error', el('Code', code), el('Message', message))),
      el('RequestID', requestId),
    ),
  );
}

/** Writes an XML answer with EC2's headers, optionally dribbling the body out in chunks. */
export async function sendXml(
  res: ServerResponse,
  status: number,
  body: string,
  requestId: string,
  sleeper: Sleeper,
  slowBody?: { chunkDelayMs: number; chunks: number },
): Promise<void> {
  if (res.headersSent || res.destroyed) {
    return;
  }
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'content-type': 'text/xml;charset=UTF-8',
    'content-length': String(bytes.length),
    'x-amzn-requestid': requestId,
    server: 'AmazonEC2',
  });
  if (!slowBody) {
    res.end(bytes);
    return;
  }
  const size = Math.ceil(bytes.length / slowBody.chunks);
  for (let offset = 0; offset < bytes.length; offset += size) {
    if (res.destroyed || sleeper.isClosed) {
      return;
    }
    res.write(bytes.subarray(offset, offset + size));
    await sleeper.sleep(slowBody.chunkDelayMs);
  }
  res.end();
}
