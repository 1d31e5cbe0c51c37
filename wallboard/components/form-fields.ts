// Reading the admin and login forms: a field's text (a file input would give a File; none here
// does, and it would read as empty), and a comma-separated list as the names in it.

export function fieldOf(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value : '';
}

/** A comma-separated list as the names in it: also the Chinese commas, blanks dropped, each once. */
export function listOf(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[,，、]/)
        .map((s) => s.trim())
        .filter((s) => s.length > 0),
    ),
  ];
}
