// @inquirer/core, loaded through its CommonJS build: its ESM build reaches the same code through a dozen small
// modules that each pay the ESM loader's toll, about 10 ms more before the first question shows. Every prompt
// imports it from here, so only one copy is ever loaded.

import { createRequire } from "node:module";
import type * as Core from "@inquirer/core";

export type { KeypressEvent } from "@inquirer/core";

const core = createRequire(import.meta.url)("@inquirer/core") as typeof Core;

export const {
  AbortPromptError,
  ExitPromptError,
  createPrompt,
  isDownKey,
  isEnterKey,
  isSpaceKey,
  isUpKey,
  useEffect,
  useKeypress,
  useRef,
  useState,
} = core;
