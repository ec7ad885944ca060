import type { CallOutput } from '../../shared/contract/ipc-contract.js';

type Issue = CallOutput<'counter.assess'>['issues'][number];

/** The rules' findings: blocking errors first, then warnings, each one French sentence. */
export function IssuesList({ issues, lineId }: { issues: Issue[]; lineId?: string | null }) {
  const shown = issues
    .filter((i) => lineId === undefined || i.lineId === lineId)
    .sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'blocking' ? -1 : 1));
  if (shown.length === 0) return null;
  return (
    <ul className="issues">
      {shown.map((i, n) => (
        <li key={`${i.code}-${i.lineId ?? ''}-${n}`} className={i.severity} data-testid={`issue-${i.code}`}>
          <span className="badge">{i.severity === 'blocking' ? 'Bloquant' : 'Attention'}</span> {i.message}
        </li>
      ))}
    </ul>
  );
}
