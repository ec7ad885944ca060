/** A key shown beside its action, the way counter software prints it. */
export function KeyHint({ k }: { k: string }) {
  return (
    <kbd className="key-hint" aria-hidden="true">
      {k}
    </kbd>
  );
}
