import type { KeyboardEvent } from 'react';

/** A search field over a list of results: ↑ and ↓ move the highlight, Entrée takes it when there is one. */
export function listboxKeys(
  e: KeyboardEvent<HTMLInputElement>,
  list: { count: number; move: (delta: number) => void; pick: () => void },
): void {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    list.move(e.key === 'ArrowDown' ? 1 : -1);
  } else if (e.key === 'Enter' && list.count > 0) {
    e.preventDefault();
    list.pick();
  }
}
