/**
 * recordNow (contract §10): when matches-sync writes a changed record that now agrees with an open correction's
 * proposed result, the correction says so (`recordNow: "matches-proposal"`, in its audit trail) and the staff
 * member holding it is emailed (through the outbox); a record that stops agreeing clears it again.
 */
import type { Correction } from '../domain/correction.js';
import { agrees } from '../domain/record-differences.js';
import type { OfficialRecord } from '../domain/match-record.js';
import { renderRecordNow } from '../domain/emails/record-now.js';
import type { CaseStore } from '../store/cases.js';
import type { ConfigStore } from '../store/config.js';
import type { MatchCorrectionsStore } from '../store/matches.js';
import type { Deps } from './deps.js';
import { mutateCase } from './mutate-case.js';
import { composeEmail } from './outbox.js';

export type RecordNowStore = CaseStore & ConfigStore & MatchCorrectionsStore;

/** Marks (or unmarks) the open corrections of this match; answers how many changed. */
export async function checkRecordNow(deps: Deps<RecordNowStore>, record: OfficialRecord): Promise<number> {
  let changed = 0;
  for (const id of await deps.store.openCorrectionIds(record.matchId)) {
    const c = (await deps.store.getCase(id)) as Correction | undefined;
    if (!c || c.kind !== 'correction' || !c.proposed) continue;
    const now = agrees(c.proposed, record);
    if (now === (c.recordNow === 'matches-proposal')) continue;
    await mutateCase<Correction>(deps, 'correction', id, undefined, (cur, at) => {
      const next: Correction = { ...cur };
      const stillAgrees = agrees(cur.proposed, record);
      if (stillAgrees) next.recordNow = 'matches-proposal';
      else delete next.recordNow;
      const holder = cur.status === 'in-progress' ? cur.assignee : undefined;
      const emails =
        stillAgrees && holder?.email && cur.proposed
          ? [
              composeEmail({
                cause: `${cur.id}#v${cur.version + 1}#record-now#${holder.sub}`,
                caseId: cur.id,
                reference: cur.reference,
                to: holder.email,
                language: holder.language ?? 'fi',
                now: at,
                render: renderRecordNow,
                message: {
                  reference: cur.reference,
                  ...(holder.name ? { staffName: holder.name } : {}),
                  match: cur.match ?? { id: cur.matchId, home: record.home.name, away: record.away.name, startsAt: record.startsAt },
                  score: cur.proposed,
                },
              }),
            ]
          : [];
      return {
        next,
        history: [
          {
            at: at.toISOString(),
            actor: 'matches-sync',
            action: stillAgrees ? 'record-now' : 'record-now-cleared',
            version: cur.version + 1,
            ...(stillAgrees ? { recordNow: 'matches-proposal' } : {}),
            record: record.final ? `${record.final.home}–${record.final.away}` : 'none',
          },
        ],
        emails,
      };
    });
    changed++;
  }
  return changed;
}
