// Keys typed ahead. A key that reaches a prompt after it has its answer (a fast second key, often in the same burst
// from the terminal as the first) waits for the next prompt instead of being lost: skip, skip, quit typed quickly
// skip two cards and quit, as in any terminal program.

import { useEffect, useKeypress, useRef, type KeypressEvent } from "./inquirer.js";

type Readline = Parameters<Parameters<typeof useKeypress>[0]>[1];

/** Keys that came after their prompt was answered, in the order typed. */
const waiting: KeypressEvent[] = [];
/** Keys a prompt got from the one before it: typed before it was on screen. */
const ahead = new WeakSet<KeypressEvent>();

/** Whether `key` was typed before its prompt was on screen (while the one before it was closing). */
export function typedAhead(key: KeypressEvent): boolean {
  return ahead.has(key);
}

/**
 * useKeypress for a prompt that ends on a key. `handle` gets each key while the prompt is open; call the returned
 * `end` when the prompt has its answer, and later keys wait for the next prompt, which reads them first.
 */
export function usePromptKeys(handle: (key: KeypressEvent, rl: Readline) => void): () => void {
  const ended = useRef(false);
  useKeypress((key, rl) => {
    if (ended.current) waiting.push(key);
    else handle(key, rl);
  });
  // Runs after useKeypress's own effect has put its listener on the input: the waiting keys reach it as typed keys.
  useEffect((rl) => {
    for (const key of waiting.splice(0)) {
      ahead.add(key);
      rl.input.emit("keypress", (key as { sequence?: string }).sequence ?? "", key);
    }
  }, []);
  return () => {
    ended.current = true;
  };
}
