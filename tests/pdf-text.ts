// Reads the text back out of a PDF made by pdfmake/pdfkit, for tests: page by page, line by line, by
// decoding each font's ToUnicode map (the text is written as glyph ids of an embedded, subset font).
// Handles what pdfkit writes (Flate-compressed or plain streams, Tm-placed TJ/Tj text), not every PDF.
import { inflateSync } from 'node:zlib';

interface PdfObject {
  dict: string;
  stream?: Buffer;
}

function objects(pdf: Buffer): Map<number, PdfObject> {
  const text = pdf.toString('latin1');
  const out = new Map<number, PdfObject>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const start = re.lastIndex;
    const end = text.indexOf('endobj', start);
    const body = text.slice(start, end);
    const s = body.indexOf('stream');
    if (s >= 0 && /\/Length (\d+)/.test(body.slice(0, s))) {
      const dict = body.slice(0, s);
      const len = Number(/\/Length (\d+)/.exec(dict)![1]);
      let from = start + s + 'stream'.length;
      if (text[from] === '\r') from++;
      if (text[from] === '\n') from++;
      let data = pdf.subarray(from, from + len);
      if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
      out.set(Number(m[1]), { dict, stream: data });
    } else {
      out.set(Number(m[1]), { dict: body });
    }
    re.lastIndex = end;
  }
  return out;
}

const ref = (dict: string, key: string) => {
  const m = new RegExp(`/${key} (\\d+) 0 R`).exec(dict);
  return m ? Number(m[1]) : undefined;
};

/** ToUnicode CMap -> glyph id to text. */
function cmap(src: string): Map<number, string> {
  const map = new Map<number, string>();
  // A ligature maps to several characters: <0066 0069> is "fi".
  const hex = (h: string) => String.fromCodePoint(...(h.replace(/\s+/g, '').match(/.{4}/g) ?? []).map((x) => parseInt(x, 16)));
  for (const block of src.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const line of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
      const lo = parseInt(line[1], 16);
      const hi = parseInt(line[2], 16);
      if (line[3].startsWith('[')) {
        [...line[3].matchAll(/<([0-9a-fA-F\s]+)>/g)].forEach((d, i) => map.set(lo + i, hex(d[1])));
      } else {
        const base = parseInt(line[3].slice(1, -1), 16);
        for (let g = lo; g <= hi; g++) map.set(g, String.fromCodePoint(base + g - lo));
      }
    }
  }
  for (const block of src.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const line of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F\s]+)>/g)) map.set(parseInt(line[1], 16), hex(line[2]));
  }
  return map;
}

/** The CIDFont's /W array -> glyph id to width in thousandths of the font size. */
function glyphWidths(dict: string): Map<number, number> {
  const out = new Map<number, number>();
  const w = /\/W \[([\s\S]*)\]/.exec(dict)?.[1] ?? '';
  const tokens = [...w.matchAll(/\[([^\]]*)\]|(-?[\d.]+)/g)];
  for (let i = 0; i < tokens.length; ) {
    const first = Number(tokens[i][2]);
    if (tokens[i + 1]?.[1] !== undefined) {
      tokens[i + 1][1].trim().split(/\s+/).forEach((x, k) => out.set(first + k, Number(x)));
      i += 2;
    } else {
      for (let g = first; g <= Number(tokens[i + 1][2]); g++) out.set(g, Number(tokens[i + 2][2]));
      i += 3;
    }
  }
  return out;
}

interface Font {
  text: Map<number, string>;
  widths: Map<number, number>;
}

export interface PdfText {
  /** Each page's lines, top to bottom; pieces of text apart on a line (table cells) joined by a space. */
  pages: string[][];
  /** Every line of every page. */
  text: string;
}

export function pdfText(pdf: Buffer): PdfText {
  const objs = objects(pdf);
  const catalog = [...objs.values()].find((o) => /\/Type \/Catalog/.test(o.dict))!;
  const pageIds: number[] = [];
  const walk = (id: number) => {
    const o = objs.get(id)!;
    if (/\/Type \/Pages/.test(o.dict)) {
      const kids = /\/Kids \[([^\]]*)\]/.exec(o.dict)![1];
      for (const k of kids.matchAll(/(\d+) 0 R/g)) walk(Number(k[1]));
    } else pageIds.push(id);
  };
  walk(ref(catalog.dict, 'Pages')!);
  const loaded = new Map<number, Font>();
  const pages = pageIds.map((id) => {
    const page = objs.get(id)!;
    const resId = ref(page.dict, 'Resources');
    const resources = resId ? objs.get(resId)!.dict : page.dict;
    const fontDict = /\/Font\s*<<([\s\S]*?)>>/.exec(resources)?.[1] ?? '';
    const fonts = new Map<string, Font>();
    for (const f of fontDict.matchAll(/\/(\w+) (\d+) 0 R/g)) {
      const fid = Number(f[2]);
      if (!loaded.has(fid)) {
        const dict = objs.get(fid)!.dict;
        const tu = ref(dict, 'ToUnicode');
        const cid = /\/DescendantFonts \[(\d+) 0 R\]/.exec(dict)?.[1];
        loaded.set(fid, {
          text: tu ? cmap(objs.get(tu)!.stream!.toString('latin1')) : new Map(),
          widths: cid ? glyphWidths(objs.get(Number(cid))!.dict) : new Map(),
        });
      }
      fonts.set(f[1], loaded.get(fid)!);
    }
    const contentIds = [...(/\/Contents (\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? '').matchAll(/(\d+) 0 R/g)].map((x) => Number(x[1]));
    const content = contentIds.map((c) => objs.get(c)!.stream!.toString('latin1')).join('\n');
    const runs: { x: number; end: number; y: number; s: string; size: number }[] = [];
    let font: Font = { text: new Map(), widths: new Map() };
    let size = 10;
    let x = 0;
    let y = 0;
    const ops = /(-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) (-?[\d.]+) Tm|\/(\w+) ([\d.]+) Tf|(\[[^\]]*\]) TJ|(<[0-9a-fA-F]*>) Tj/g;
    for (const op of content.matchAll(ops)) {
      if (op[1] !== undefined) {
        x = Number(op[5]);
        y = Number(op[6]);
      } else if (op[7] !== undefined) {
        font = fonts.get(op[7]) ?? font;
        size = Number(op[8]);
      } else {
        let s = '';
        let width = 0;
        for (const part of (op[9] ?? op[10]).matchAll(/<([0-9a-fA-F]*)>|(-?[\d.]+)/g)) {
          if (part[2] !== undefined) {
            width -= Number(part[2]);
            continue;
          }
          for (const g of part[1].match(/.{4}/g) ?? []) {
            const id = parseInt(g, 16);
            s += font.text.get(id) ?? '\uFFFD';
            width += font.widths.get(id) ?? 0;
          }
        }
        runs.push({ x, end: x + (width / 1000) * size, y, s, size });
      }
    }
    const lines = new Map<number, typeof runs>();
    for (const r of runs) {
      const key = Math.round(r.y);
      if (!lines.has(key)) lines.set(key, []);
      lines.get(key)!.push(r);
    }
    return [...lines.entries()]
      .sort((a, b) => b[0] - a[0])
      .map(([, rs]) => {
        rs.sort((a, b) => a.x - b.x);
        let line = '';
        rs.forEach((r, i) => {
          const apart = i > 0 && r.x - rs[i - 1].end > 0.15 * r.size;
          line += (apart ? ' ' : '') + r.s;
        });
        return line.replace(/\s+/g, ' ').trim();
      })
      .filter(Boolean);
  });
  return { pages, text: pages.map((p) => p.join('\n')).join('\n') };
}
