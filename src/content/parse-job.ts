// One file's share of reading a content set: its bytes, their text, the parse, and what validate keeps of it.
// The same function runs in the loader's thread and in its parse threads (parse-worker.ts), so a bank read in
// parallel is the bank read in one thread.

import type { Diagnostic } from "./model.js";
import { contentDigest } from "./digest.js";
import { parseFile, type ParsedFile } from "./parse-file.js";
import { decodeSource, readSourceBytes } from "./read-source.js";
import { itemFacts, type ItemFacts } from "./set-rules.js";
import { listOwner, outline } from "./outline.js";

export interface ParseJob {
  abs: string;
  /** The name diagnostics give the file. */
  file: string;
  /** Fingerprint the bytes read, for the parse cache (the digest of the very bytes parsed). */
  digest: boolean;
  /** Take the content-set rules' facts of each question while its texts are at hand. */
  facts: boolean;
  /** Drop the texts after the facts (validate's outline). Only without a cache, which must get the whole parse. */
  outline: boolean;
}

export type ParseOutcome =
  | {
      parsed: ParsedFile;
      digest?: string;
      /** The drafts' facts, in their order, when asked for and not already set on the drafts (see `outlined`). */
      facts?: ItemFacts[];
      /** The facts are set on the drafts and the texts dropped. */
      outlined: boolean;
    }
  | { diagnostic: Diagnostic };

/** `read`: the file's bytes and their digest, when the caller has read them already (for the cache's lookup). */
export function parseJob(job: ParseJob, read?: { bytes: Buffer; digest: string }): ParseOutcome {
  const bytes = read ?? readSourceBytes(job.abs, job.file);
  if ("diagnostic" in bytes) return bytes;
  const digest = job.digest ? (read?.digest ?? contentDigest(bytes.bytes)) : undefined;
  const text = decodeSource(bytes.bytes, job.file);
  if ("diagnostic" in text) return text;
  const parsed = parseFile(job.file, text.text);
  const facts = job.facts ? parsed.drafts.map((d) => itemFacts(d.question)) : undefined;
  if (!job.outline) return { parsed, digest, facts, outlined: false };
  if (facts) parsed.drafts.forEach((d, i) => (d.facts = facts[i]));
  return { parsed: outline(parsed, listOwner()), digest, outlined: true };
}
