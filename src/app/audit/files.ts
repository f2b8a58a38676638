import { createReadStream } from 'node:fs';
import { createHash } from 'node:crypto';

/** SHA-256 (hex) of a file's bytes, streamed (batch inputs can be large). */
export async function fileSha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}
