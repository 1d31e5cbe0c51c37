// Lists of rows. House style is `repeat()` keyed by id, but lit-html 3.3 (up to 3.3.3, the
// latest) leaves an empty comment marker behind each time a repeat() list is reordered while its
// length changes (lit/lit#5010, open): on a wall screen that turns pages and re-sorts held calls
// all day, that is thousands of dead nodes a day. Until it is fixed, rows are rendered by
// position, which updates the same nodes in place and leaves nothing behind. `key` documents each
// row's identity and is where repeat() goes back in once the fix ships.
import type { TemplateResult } from 'lit';

export function rows<T>(items: readonly T[], key: (item: T) => string | number, template: (item: T) => TemplateResult): TemplateResult[] {
  void key;
  return items.map(template);
}
