/** The report form's state: what the person typed (kept across language switches, errors and retries). */
import type { Category, CorrectionBody, CreatedCorrection, Language, MatchItem, ServiceStatus } from '../api/client.js';

export interface FormValues {
  date: string;
  seriesId: string;
  team: string;
  matchId: string;
  category: Category | '';
  description: string;
  homeGoals: string;
  awayGoals: string;
  name: string;
  email: string;
  phone: string;
  reporterTeam: string;
  language: Language | '';
}

export interface ReportState {
  values: FormValues;
  service?: ServiceStatus | 'failed';
  matches?: MatchItem[] | 'failed';
  /** one per report: a double tap or a retry after a lost connection never makes two reports */
  idempotencyKey: string;
  sending: boolean;
  fieldErrors: Record<string, string>;
  /** a message for the whole form (network lost, server error …) and whether to offer a retry */
  formError?: { text: string; apiMessage?: string; retry?: boolean };
  created?: CreatedCorrection;
}

export const newKey = () => (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random().toString(36).slice(2)}`);

/** The request body: controls are named after these field paths (contract §8). */
export function bodyOf(v: FormValues, pageLang: Language): CorrectionBody {
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const home = num(v.homeGoals);
  const away = num(v.awayGoals);
  const wantsScore = v.category === 'final-score' || v.category === 'period-score';
  return {
    matchId: v.matchId,
    category: v.category as Category,
    description: v.description,
    ...(wantsScore && (home !== undefined || away !== undefined)
      ? { proposed: { homeGoals: home as number, awayGoals: away as number } }
      : {}),
    reporter: {
      name: v.name,
      email: v.email.trim(),
      ...(v.phone.trim() ? { phone: v.phone.replace(/[\s-]/g, '') } : {}),
      ...(v.reporterTeam ? { team: v.reporterTeam } : {}),
    },
    language: v.language || pageLang,
  };
}

/** Which form field an API error path belongs to (the first segment that names one). */
export function fieldOfPath(path: string): string {
  if (path.startsWith('proposed')) return path === 'proposed' ? 'proposed' : path;
  if (path.startsWith('reporter.')) return path.split('.').slice(0, 2).join('.');
  return path.split('.')[0] ?? path;
}
