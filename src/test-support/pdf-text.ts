import { inflateSync } from 'node:zlib';

/**
 * Test support: the text a PDF shows, read from its content streams (no external tool). Handles
 * what pdfkit writes: Flate streams, hex strings in TJ/Tj, one embedded (CID, 2-byte) font with a
 * ToUnicode CMap, or the built-in Latin-1 fonts. Text operators are joined with newlines.
 */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /<<([\s\S]*?)>>\s*stream\r?\n/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    try {
      streams.push(m[1]!.includes('/FlateDecode') ? inflateSync(bytes).toString('latin1') : bytes.toString('latin1'));
    } catch {
      // Binary streams (font programs) that are not text: skip.
    }
  }
  const cmap = new Map<string, string>();
  for (const s of streams.filter((x) => x.includes('begincmap'))) {
    for (const block of s.match(/beginbfchar([\s\S]*?)endbfchar/g) ?? []) {
      for (const [, src, dst] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) cmap.set(src!.toLowerCase(), utf16(dst!));
    }
    for (const block of s.match(/beginbfrange([\s\S]*?)endbfrange/g) ?? []) {
      for (const [, lo, hi, rest] of block.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const a = parseInt(lo!, 16);
        const b = parseInt(hi!, 16);
        const width = lo!.length;
        const list = rest!.startsWith('[') ? [...rest!.matchAll(/<([0-9a-fA-F]+)>/g)].map((x) => x[1]!) : null;
        for (let c = a; c <= b; c++) {
          const key = c.toString(16).padStart(width, '0');
          if (list) cmap.set(key, utf16(list[c - a] ?? ''));
          else {
            const base = parseInt(rest!.slice(1, -1), 16) + (c - a);
            cmap.set(key, utf16(base.toString(16).padStart(rest!.length - 2, '0')));
          }
        }
      }
    }
  }
  const lines: string[] = [];
  for (const s of streams.filter((x) => /T[Jj]/.test(x) && !x.includes('begincmap'))) {
    for (const [, arr, single] of s.matchAll(/\[((?:<[0-9a-fA-F]*>|[-\d.\s])*)\]\s*TJ|<([0-9a-fA-F]*)>\s*Tj/g)) {
      const hexes = arr !== undefined ? [...arr.matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]!) : [single!];
      lines.push(hexes.map((h) => decode(h, cmap)).join(''));
    }
  }
  return lines.join('\n');
}

function utf16(hex: string): string {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
}

function decode(hex: string, cmap: Map<string, string>): string {
  if (cmap.size) {
    let s = '';
    for (let i = 0; i + 4 <= hex.length; i += 4) s += cmap.get(hex.slice(i, i + 4).toLowerCase()) ?? '\ufffd';
    return s;
  }
  return Buffer.from(hex, 'hex').toString('latin1');
}
