import { useAnnouncer } from '../stores/announcer-store.js';

/** Screen readers hear every read, progress and error through these two regions. */
export function LiveRegions() {
  const { polite, assertive } = useAnnouncer();
  return (
    <>
      <div className="visually-hidden" aria-live="polite" role="status" data-testid="live-polite">
        {polite}
      </div>
      <div className="visually-hidden" aria-live="assertive" role="alert" data-testid="live-assertive">
        {assertive}
      </div>
    </>
  );
}
