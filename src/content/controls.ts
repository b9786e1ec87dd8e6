// Terminal control characters in untrusted text, however they are written: raw, or as an HTML numeric entity that
// marked (and marked-terminal) would decode into a raw one. Pure; the reader neutralises a file's text with these
// before lexing it, and the terminal's output gate (src/ui/safe-text.ts) is the last line behind them.

/** C0 controls except tab, newline and carriage return; DEL; C1 controls. */
export const CONTROL_SOURCE = "[\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F]";
const CONTROL = new RegExp(CONTROL_SOURCE);
const CONTROL_GLOBAL = new RegExp(CONTROL_SOURCE, "g");

/**
 * A numeric character reference, decimal or hex, with or without its semicolon (HTML decoders accept both).
 * Leading zeros are allowed and bounded, so `&#0000027;` is caught too.
 */
const NUMERIC_ENTITY = /&#(?:[xX](0*[0-9a-fA-F]{1,8})|(0*[0-9]{1,10}));?/g;

/** Whether a code point is a terminal control: C0 but tab, newline and carriage return; DEL; C1; and NUL. */
export function isControlCode(code: number): boolean {
  return (code >= 0 && code <= 8) || code === 11 || code === 12 || (code >= 14 && code <= 31) || (code >= 127 && code <= 159);
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

/** The visible form a control is shown in: `\x1b` for ESC, `\x9b` for the C1 CSI. */
export function visibleControl(code: number): string {
  return `\\x${code.toString(16).padStart(2, "0")}`;
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

/**
 * `s` with every control, raw or written as a numeric entity, replaced by its visible form (`\x1b`), so that no
 * later decoding step can turn it back into a byte that drives the terminal. Text without any is returned as is.
 */
export function neutraliseControls(s: string): string {
  let out = CONTROL.test(s) ? s.replace(CONTROL_GLOBAL, (c) => visibleControl(c.charCodeAt(0))) : s;
  if (hasControlEntity(out)) {
    out = out.replace(NUMERIC_ENTITY, (m, hex: string | undefined, dec: string | undefined) => {
      const code = entityCode(hex, dec);
      return isControlCode(code) ? visibleControl(code) : m;
    });
  }
  return out;
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

/** JSON text in which every control and the two JavaScript line separators are `\u` escapes, C1 and DEL included. */
export function safeJson(value: unknown, indent?: number): string {
  const text = JSON.stringify(value, null, indent);
  // JSON.stringify escapes C0 itself; DEL, C1 and U+2028/9 can only stand inside strings, so escaping them is valid.
  return /[\u007f-\u009f\u2028\u2029]/.test(text)
    ? text.replace(/[\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
    : text;
}
