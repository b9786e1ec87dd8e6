// @inquirer/core, from one place: every prompt imports it from here, so only one copy is ever loaded. The command
// is bundled (scripts/bundle.mjs), so its modules cost no loader toll at start.

export {
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
} from "@inquirer/core";
export type { KeypressEvent } from "@inquirer/core";
