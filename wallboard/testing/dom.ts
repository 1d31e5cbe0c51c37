// Mounting a component in the test document and reading what it rendered in its shadow root.
import type { LitElement } from 'lit';

/** Attaches `el` to the document and waits for its first render. */
export async function mount<T extends LitElement>(el: T): Promise<T> {
  document.body.append(el);
  await el.updateComplete;
  return el;
}

export const shadow = (el: Element): ShadowRoot => el.shadowRoot!;

/** The text of the first match of `selector` in `el`'s shadow root, whitespace collapsed; null when none. */
export const text = (el: Element, selector: string): string | null => shadow(el).querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? null;

/** Every node under `root` (elements, text and comments), for tests that watch the DOM grow. */
export function countNodes(root: Node): number {
  let n = 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ALL);
  for (let node: Node | null = walker.currentNode; node; node = walker.nextNode()) n += 1;
  return n;
}
