// Where a text holds part of a credential in any form a gateway may echo it in: as is, percent-encoded
// (either case, partly, or twice), JSON-escaped (`\u002b`, `\/`), as HTML entities (`&#43;`, `&#x2b;`,
// `&plus;`), in base64 or base64url (of key:secret, or of the secret at any byte offset of a longer
// string), and any cut of these long enough to show part of the secret.

/** A run of at least this many characters of the text that matches part of a form is removed... */
const MIN_SPAN = 8;
/** ...when it stands for at least this many characters of the form (an escape spans several). */
const MIN_CHARS = 3;

/** Fewest characters of a base64 form in a row that, with the base64 beside them, are removed. */
const MIN_BASE64_CHARS = 5;

/** Where a run at `at` ends once the (up to 3) base64 characters beside it, in `step`'s direction, join it. */
function edge(text: string, at: number, step: -1 | 1): number {
  let end = at;
  const next = (i: number) => (step < 0 ? text[i - 1] : text[i]);
  for (let n = 0; n < 3 && next(end) !== undefined && /[A-Za-z0-9+/_-]/.test(next(end)!); n++) end += step;
  while (step > 0 && text[end] === "=") end += 1;
  return end;
}

/** The start of an escape cut short: nothing that would complete it follows. */
const PARTIAL_ESCAPE = /(?:%(?:25)?[0-9a-f]?|\\u[0-9a-f]{0,3}|&#x?[0-9a-f]{0,5}|&[a-z]{0,7})(?![0-9a-z;])/iy;

/** One character after decoding, and the span of the original text it came from. */
interface Unit {
  char: string;
  start: number;
  end: number;
}

// HTML's names for the ASCII punctuation a secret or its base64 may hold.
const NAMED: Record<string, string> = {
  excl: "!", quot: '"', num: "#", dollar: "$", percnt: "%", amp: "&", apos: "'", lpar: "(", rpar: ")",
  ast: "*", midast: "*", plus: "+", comma: ",", period: ".", sol: "/", colon: ":", semi: ";", lt: "<",
  equals: "=", gt: ">", quest: "?", commat: "@", lsqb: "[", lbrack: "[", bsol: "\\", rsqb: "]",
  rbrack: "]", Hat: "^", lowbar: "_", UnderBar: "_", grave: "`", lcub: "{", lbrace: "{", verbar: "|",
  vert: "|", rcub: "}", rbrace: "}", dash: "-", hyphen: "-", minus: "-", tilde: "~",
}; // prettier-ignore

const ESCAPES: [RegExp, (m: RegExpExecArray) => string | undefined][] = [
  [/%([0-9a-f]{2})/iy, (m) => String.fromCharCode(parseInt(m[1], 16))],
  [/\\u([0-9a-f]{4})/iy, (m) => String.fromCharCode(parseInt(m[1], 16))],
  [/\\([/"\\])/y, (m) => m[1]],
  [/&#(\d{1,7});?/y, (m) => codePoint(parseInt(m[1], 10))],
  [/&#x([0-9a-f]{1,6});?/iy, (m) => codePoint(parseInt(m[1], 16))],
  [/&([a-z]+);/iy, (m) => NAMED[m[1]] ?? NAMED[m[1].toLowerCase()]],
];

function codePoint(n: number): string | undefined {
  return n <= 0x10ffff ? String.fromCodePoint(n) : undefined;
}

/** The text with one layer of escapes undone, each character keeping the span it came from. */
function decodeOnce(units: Unit[]): Unit[] {
  const text = units.map((u) => u.char).join("");
  // A unit's char may be two UTF-16 code units (an astral code point): map text offsets to units.
  const unitAt: number[] = [];
  units.forEach((u, i) => [...u.char.split("")].forEach(() => unitAt.push(i)));
  const out: Unit[] = [];
  for (let at = 0; at < text.length;) {
    let decoded: { char: string; length: number } | undefined;
    for (const [pattern, decode] of ESCAPES) {
      pattern.lastIndex = at;
      const match = pattern.exec(text);
      const char = match ? decode(match) : undefined;
      if (match && char !== undefined) {
        decoded = { char, length: match[0].length };
        break;
      }
    }
    const length = decoded?.length ?? 1;
    const first = units[unitAt[at]];
    const last = units[unitAt[at + length - 1]];
    out.push({ char: decoded?.char ?? text[at], start: first.start, end: last.end });
    at += length;
  }
  return out;
}

/**
 * The base64 and base64url of the secret wherever it sits in a longer string: at each of the 3 byte
 * offsets, the characters that depend on the secret's bytes alone; and the whole base64 of key:secret.
 */
export function base64Forms(apiKey: string, apiSecret: string): string[] {
  const secret = Buffer.from(apiSecret);
  const forms: string[] = [];
  for (const offset of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(offset), secret]).toString("base64");
    const from = Math.ceil((offset * 8) / 6);
    const to = Math.floor(((offset + secret.length) * 8) / 6);
    forms.push(encoded.slice(from, to));
  }
  forms.push(secret.toString("base64"), Buffer.from(`${apiKey}:${apiSecret}`).toString("base64"));
  const url = forms.map((f) => f.replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, ""));
  return [...forms, ...url];
}

/** Where each character occurs in the forms, by a key for (form, position) pairs. */
interface FormIndex {
  where: Map<string, [number, number][]>;
  /** Keys are form * width + position. */
  width: number;
  lengths: number[];
  isBase64: boolean[];
}

function formIndex(plain: string[], base64: string[]): FormIndex {
  const kept = [...plain, ...base64].filter((f) => f.length > 0);
  const isBase64 = kept.map((f) => base64.includes(f) && !plain.includes(f));
  const where = new Map<string, [number, number][]>();
  kept.forEach((form, f) =>
    [...form].forEach((char, p) => {
      const list = where.get(char) ?? [];
      list.push([f, p]);
      where.set(char, list);
    }),
  );
  const width = Math.max(1, ...kept.map((f) => [...f].length)) + 1;
  const lengths = kept.map((f) => [...f].length);
  return { where, width, lengths, isBase64 };
}

/**
 * A finder of the spans [start, end) of a text that hold one of `forms`, or a cut of one long enough to
 * show part of it: MIN_SPAN characters of the text standing for MIN_CHARS of the form, or a whole form
 * of 4 characters or more.
 */
export function echoFinder(plain: string[], base64: string[]): (text: string) => [number, number][] {
  const index = formIndex(plain, base64);
  return (text) => {
    const spans: [number, number][] = [];
    let units: Unit[] = [];
    for (const char of text) {
      const start = units.length > 0 ? units[units.length - 1].end : 0;
      units.push({ char, start, end: start + char.length });
    }
    // As is, then once and twice decoded (%252B, &amp;#43;, a JSON string inside a JSON string).
    for (let layer = 0; layer < 3; layer++) {
      spans.push(...matches(index, units, text));
      const next = decodeOnce(units);
      if (next.length === units.length) break;
      units = next;
    }
    return merge(spans);
  };
}

/** Runs of units whose characters are a part of some form, long enough to count. */
function matches(index: FormIndex, units: Unit[], text: string): [number, number][] {
  const { where, width, lengths, isBase64 } = index;
  const found: [number, number][] = [];
  // Run lengths ending at the previous unit, by form and position in it.
  let previous = new Map<number, number>();
  units.forEach((unit, i) => {
    const current = new Map<number, number>();
    for (const [f, p] of where.get(unit.char) ?? []) {
      const length = (previous.get(f * width + p - 1) ?? 0) + 1;
      current.set(f * width + p, length);
      const first = units[i - length + 1];
      // A cut inside an escape ("&#4", "%2") ends the run: it counts, and goes with it.
      PARTIAL_ESCAPE.lastIndex = unit.end;
      const end = unit.end + (PARTIAL_ESCAPE.exec(text)?.[0].length ?? 0);
      const escaped = units.slice(i - length + 1, i + 1).some((u) => u.end - u.start > 1);
      const whole = length === lengths[f] && length >= 4;
      if (whole || (end - first.start >= MIN_SPAN && (length >= MIN_CHARS || escaped))) {
        found.push([first.start, end]);
      } else if (isBase64[f] && length >= MIN_BASE64_CHARS) {
        // A cut of base64 of a longer string: up to 3 characters beside the run encode the
        // secret's first or last bits mixed with its neighbours'; with them the cut is long enough.
        const [from, to] = [edge(text, first.start, -1), edge(text, end, 1)];
        if (to - from >= MIN_SPAN) found.push([from, to]);
      }
    }
    previous = current;
  });
  return found;
}

function merge(spans: [number, number][]): [number, number][] {
  const sorted = [...spans].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}
