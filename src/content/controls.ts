// Terminal control characters in untrusted text, however they are written: raw, or as an HTML numeric entity that
// marked (and marked-terminal) would decode into a raw one. Pure; the reader neutralises a file's text with these
// before lexing it, and the terminal's output gate (src/ui/safe-text.ts) is the last line behind them.
//
// "Control" here also covers the invisible format characters that change what a reader sees without showing
// themselves: the bidirectional embeddings, overrides, isolates and marks (the "Trojan Source" characters, which make
// an option read as something else) and the zero-width space, word joiner and mid-text byte-order mark (which hide a
// difference between two texts that look the same). The zero-width joiner and non-joiner are left alone: scripts and
// emoji need them, and they reorder nothing.

/** Bidirectional formatting characters and invisible separators, as a character-class body. */
const INVISIBLE_SOURCE = "\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2060\\u2066-\\u2069\\uFEFF";
/** C0 controls except tab, newline and carriage return; DEL; C1 controls; the invisible format characters above. */
export const CONTROL_SOURCE = `[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F${INVISIBLE_SOURCE}]`;
const CONTROL = new RegExp(CONTROL_SOURCE);
const CONTROL_GLOBAL = new RegExp(CONTROL_SOURCE, "g");

/**
 * A numeric character reference, decimal or hex, with or without its semicolon (HTML decoders accept both).
 * Leading zeros are allowed and bounded, so `&#0000027;` is caught too.
 */
const NUMERIC_ENTITY = /&#(?:[xX](0*[0-9a-fA-F]{1,8})|(0*[0-9]{1,10}));?/g;

/** Whether a code point is a bidirectional formatting character or an invisible separator (see the top). */
export function isInvisibleCode(code: number): boolean {
  return (
    code === 0x061c ||
    code === 0x200b ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    code === 0x2060 ||
    (code >= 0x2066 && code <= 0x2069) ||
    code === 0xfeff
  );
}

/** Whether a code point is a terminal control: C0 but tab, newline and carriage return; DEL; C1; NUL; the invisibles. */
export function isControlCode(code: number): boolean {
  return (code >= 0 && code <= 8) || code === 11 || code === 12 || (code >= 14 && code <= 31) || (code >= 127 && code <= 159) || isInvisibleCode(code);
}

function entityCode(hex: string | undefined, dec: string | undefined): number {
  return hex !== undefined ? Number.parseInt(hex, 16) : Number.parseInt(dec ?? "", 10);
}

/** Whether the text holds an entity that decodes to a control: one cheap `&#` test first. */
function hasControlEntity(s: string): boolean {
  if (!s.includes("&#")) return false;
  NUMERIC_ENTITY.lastIndex = 0;
  for (let m = NUMERIC_ENTITY.exec(s); m; m = NUMERIC_ENTITY.exec(s)) {
    if (isControlCode(entityCode(m[1], m[2]))) return true;
  }
  return false;
}

/** The visible form a control is shown in: `\x1b` for ESC, `\x9b` for the C1 CSI, `\u202e` for RIGHT-TO-LEFT OVERRIDE. */
export function visibleControl(code: number): string {
  return code > 0xff ? `\\u${code.toString(16).padStart(4, "0")}` : `\\x${code.toString(16).padStart(2, "0")}`;
}

/** What a control is called in a diagnostic: "control character", "bidirectional control", "zero-width character". */
export function controlKind(code: number): string {
  if (code === 0x200b || code === 0x2060 || code === 0xfeff) return "zero-width character";
  return isInvisibleCode(code) ? "bidirectional control" : "control character";
}

/** Whether `s` holds a terminal control, raw or as a numeric entity. */
export function hasControls(s: string): boolean {
  return CONTROL.test(s) || hasControlEntity(s);
}

export interface ControlFinding {
  /** Index in the text where the control (or its entity) starts. */
  index: number;
  code: number;
  /** How it is written: `raw`, or the entity as written (`&#27;`). */
  written: string;
}

/** The first control in `s`, raw or as an entity, or undefined. */
export function firstControl(s: string): ControlFinding | undefined {
  const raw = CONTROL.exec(s);
  let found: ControlFinding | undefined = raw ? { index: raw.index, code: raw[0].charCodeAt(0), written: "raw" } : undefined;
  if (s.includes("&#")) {
    NUMERIC_ENTITY.lastIndex = 0;
    for (let m = NUMERIC_ENTITY.exec(s); m; m = NUMERIC_ENTITY.exec(s)) {
      if (found && m.index > found.index) break;
      const code = entityCode(m[1], m[2]);
      if (isControlCode(code)) {
        found = { index: m.index, code, written: m[0] };
        break;
      }
    }
  }
  return found;
}

/** Every control in `s`, raw or as an entity, in the order they stand. */
export function allControls(s: string): ControlFinding[] {
  const found: ControlFinding[] = [];
  CONTROL_GLOBAL.lastIndex = 0;
  for (let m = CONTROL_GLOBAL.exec(s); m; m = CONTROL_GLOBAL.exec(s)) found.push({ index: m.index, code: m[0].charCodeAt(0), written: "raw" });
  if (s.includes("&#")) {
    let entities = false;
    NUMERIC_ENTITY.lastIndex = 0;
    for (let m = NUMERIC_ENTITY.exec(s); m; m = NUMERIC_ENTITY.exec(s)) {
      const code = entityCode(m[1], m[2]);
      if (isControlCode(code)) {
        found.push({ index: m.index, code, written: m[0] });
        entities = true;
      }
    }
    if (entities) found.sort((a, b) => a.index - b.index);
  }
  return found;
}

/**
 * `s` with its raw controls shown as visible escapes, for text that is already decoded from markdown (a question's
 * plain title): an entity left in such text is literal (`&amp;#27;` decoded once), and nothing decodes it again.
 */
export function neutraliseRawControls(s: string): string {
  return CONTROL.test(s) ? s.replace(CONTROL_GLOBAL, (c) => visibleControl(c.charCodeAt(0))) : s;
}

/**
 * `s` with every control, raw or written as a numeric entity, replaced by its visible form (`\x1b`), so that no
 * later decoding step can turn it back into a byte that drives the terminal. Text without any is returned as is.
 */
export function neutraliseControls(s: string): string {
  let out = neutraliseRawControls(s);
  if (hasControlEntity(out)) {
    out = out.replace(NUMERIC_ENTITY, (m, hex: string | undefined, dec: string | undefined) => {
      const code = entityCode(hex, dec);
      return isControlCode(code) ? visibleControl(code) : m;
    });
  }
  return out;
}

const NAME_UNSAFE = new RegExp(`${CONTROL_SOURCE.slice(0, -1)}\\t\\n\\r]`);
const NAME_UNSAFE_GLOBAL = new RegExp(NAME_UNSAFE.source, "g");

/**
 * A file name or another one-line value (a path, a setting) as it may be printed: every control, line break and tab
 * shown as its visible escape, so that a name can neither drive the terminal nor start a line of its own (a GitHub
 * workflow command, a forged diagnostic). Only raw characters: a name is not markdown, nothing decodes it.
 */
export function escapeName(s: string): string {
  return NAME_UNSAFE.test(s) ? s.replace(NAME_UNSAFE_GLOBAL, (c) => visibleControl(c.charCodeAt(0))) : s;
}

/**
 * Text printed as one line (a message, a report's line): every control, raw or as a numeric entity, and every line
 * break and tab shown as its visible escape, so that a file name or a bank's text it carries cannot start a line of
 * its own (a GitHub workflow command, a forged diagnostic).
 */
export function oneLine(s: string): string {
  return escapeName(neutraliseControls(s));
}

/** The first control, line break or tab in a file name, or undefined. */
export function nameControl(s: string): number | undefined {
  const m = NAME_UNSAFE.exec(s);
  return m ? m[0].charCodeAt(0) : undefined;
}

/**
 * The first percent-encoded control (`%1b`) inside an inline link target `](…)` on a line, which the decoded path
 * would carry into messages; or undefined. One pass over the line.
 */
export function percentControlInLink(line: string): ControlFinding | undefined {
  if (!line.includes("%")) return undefined;
  let inTarget = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 93 /* ] */ && line.charCodeAt(i + 1) === 40 /* ( */) {
      inTarget = true;
      i++;
    } else if (c === 41 /* ) */) inTarget = false;
    else if (inTarget && c === 37 /* % */) {
      const code = Number.parseInt(line.slice(i + 1, i + 3), 16);
      if (/^[0-9a-fA-F]{2}$/.test(line.slice(i + 1, i + 3)) && isControlCode(code)) return { index: i, code, written: line.slice(i, i + 3) };
    }
  }
  return undefined;
}

const JSON_UNSAFE = new RegExp(`[\\u007f-\\u009f\\u2028\\u2029${INVISIBLE_SOURCE}]`);
const JSON_UNSAFE_GLOBAL = new RegExp(JSON_UNSAFE.source, "g");

/**
 * JSON text in which every control, the invisible format characters and the two JavaScript line separators are `\u`
 * escapes, C1 and DEL included: the same strings once parsed, and nothing that acts on a terminal or an editor.
 */
export function safeJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  // JSON.stringify escapes C0 itself; the others can only stand inside strings, so escaping them is valid.
  return JSON_UNSAFE.test(text) ? text.replace(JSON_UNSAFE_GLOBAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : text;
}
