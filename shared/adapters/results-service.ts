/**
 * The results-service (Torneopal "Taso" REST) client: `{baseUrl}<method>?…&api_key=<key>`. Each attempt
 * has a 3 s budget for the whole answer, body included (a stall after the headers is a timeout too), and
 * a body-size cap. Retries, with exponential backoff and jitter, only on 5xx and network errors/timeouts:
 * a 403 (the CDN's rate limit, cached ~60 s per URL), `Invalid db` and `call.status: "error"` will not get
 * better by asking again at once. The key is never put in an error message or a log line.
 */
import type { OfficialRecord } from '../domain/match-record.js';
import { mapMatch, parseEnvelope, ResultsServiceError, str } from './results-service-parse.js';

export { ResultsServiceError, type ResultsErrorKind } from './results-service-parse.js';

export interface ResultsClientOptions {
  /** e.g. `https://salibandy.api.torneopal.com/taso/rest/` (a missing trailing slash is added) */
  baseUrl: string;
  /** the key, or how to get it once (Secrets Manager in AWS) */
  apiKey: string | (() => Promise<string>);
  timeoutMs?: number;
  /** attempts after the first, on 5xx/network/timeout only */
  retries?: number;
  /** first backoff; doubles per retry, with jitter */
  backoffMs?: number;
  maxBodyBytes?: number;
}

export interface MatchesWindow {
  competitionId: string;
  categoryId: string;
  /** Helsinki dates, inclusive */
  startDate: string;
  endDate: string;
}

export interface Rejected {
  matchId?: string;
  reason: string;
}

export interface ResultsService {
  /**
   * the match, `null` when the service does not know it; throws ResultsServiceError when it cannot tell.
   * `retries` overrides the client's (intake asks once: a person is waiting).
   */
  getMatch(matchId: string, opts?: { retries?: number }): Promise<OfficialRecord | null>;
  /** the matches of a category in a date window; matches that cannot be mapped whole are listed in `rejected` */
  getMatches(window: MatchesWindow): Promise<{ records: OfficialRecord[]; rejected: Rejected[] }>;
}

const NOT_FOUND = /not found|no such|does not exist|ei löy|unknown match|invalid match/i;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ResultsClient implements ResultsService {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly maxBodyBytes: number;
  private key?: Promise<string>;

  constructor(private readonly opts: ResultsClientOptions) {
    this.base = opts.baseUrl.endsWith('/') ? opts.baseUrl : `${opts.baseUrl}/`;
    this.timeoutMs = opts.timeoutMs ?? 3000;
    this.retries = opts.retries ?? 2;
    this.backoffMs = opts.backoffMs ?? 250;
    this.maxBodyBytes = opts.maxBodyBytes ?? 4 * 1024 * 1024;
  }

  private apiKey(): Promise<string> {
    const k = this.opts.apiKey;
    // Read once (per cold start); a failed read is tried again next time.
    return (this.key ??= (typeof k === 'string' ? Promise.resolve(k) : k()).catch((err: unknown) => {
      this.key = undefined;
      throw err;
    }));
  }

  async getMatch(matchId: string, opts: { retries?: number } = {}): Promise<OfficialRecord | null> {
    let env: Record<string, unknown>;
    try {
      env = await this.call('getMatch', { match_id: matchId }, opts.retries);
    } catch (err) {
      if (err instanceof ResultsServiceError && err.kind === 'upstream_error' && NOT_FOUND.test(err.message)) return null;
      throw err;
    }
    const raw = env.match;
    if (
      raw === undefined ||
      raw === null ||
      (typeof raw === 'object' && !Array.isArray(raw) && Object.keys(raw).length === 0) ||
      raw === false ||
      raw === ''
    )
      return null;
    const mapped = mapMatch(raw);
    if (!mapped.ok) throw new ResultsServiceError('upstream_error', `The results service's match ${matchId} ${mapped.reason}.`);
    if (mapped.record.matchId !== matchId) return null;
    return mapped.record;
  }

  async getMatches(w: MatchesWindow): Promise<{ records: OfficialRecord[]; rejected: Rejected[] }> {
    const env = await this.call('getMatches', {
      competition_id: w.competitionId,
      category_id: w.categoryId,
      start_date: w.startDate,
      end_date: w.endDate,
    });
    const list = env.matches;
    if (list !== undefined && list !== null && !Array.isArray(list))
      throw new ResultsServiceError('upstream_error', 'The results service answered getMatches without a list of matches.');
    const records: OfficialRecord[] = [];
    const rejected: Rejected[] = [];
    const seen = new Set<string>();
    for (const raw of list ?? []) {
      const m = mapMatch(raw);
      if (!m.ok) rejected.push({ ...(m.matchId ? { matchId: m.matchId } : {}), reason: m.reason });
      else if (!seen.has(m.record.matchId)) {
        seen.add(m.record.matchId);
        records.push(m.record);
      }
    }
    return { records, rejected };
  }

  /** One method call with retries; the parsed envelope. */
  async call(method: string, params: Record<string, string>, retries = this.retries): Promise<Record<string, unknown>> {
    const key = await this.apiKey();
    const url = new URL(method, this.base);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('api_key', key);
    for (let attempt = 0; ; attempt++) {
      try {
        return parseEnvelope(await this.fetchText(url, method), method);
      } catch (err) {
        const e =
          err instanceof ResultsServiceError
            ? err
            : new ResultsServiceError('network', `The results service could not be reached for ${method}.`);
        const retryable = e.kind === 'server_error' || e.kind === 'network' || e.kind === 'timeout';
        if (!retryable || attempt >= retries) throw e;
        await sleep(this.backoffMs * 2 ** attempt * (0.5 + Math.random()));
      }
    }
  }

  private async fetchText(url: URL, method: string): Promise<string> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      let res: Response;
      try {
        res = await fetch(url, { signal: controller.signal, headers: { accept: 'application/json' }, redirect: 'error' });
      } catch {
        throw controller.signal.aborted
          ? new ResultsServiceError('timeout', `The results service did not answer ${method} within ${this.timeoutMs / 1000} s.`)
          : new ResultsServiceError('network', `The results service could not be reached for ${method}.`);
      }
      if (res.status === 403) {
        await res.body?.cancel().catch(() => undefined);
        throw new ResultsServiceError(
          'forbidden',
          `The results service refused ${method} with 403 (too many calls, or the key is not allowed); try again in a minute.`,
          403,
        );
      }
      if (res.status >= 500) {
        await res.body?.cancel().catch(() => undefined);
        throw new ResultsServiceError('server_error', `The results service failed ${method} with HTTP ${res.status}.`, res.status);
      }
      const declared = Number(res.headers.get('content-length') ?? '0');
      if (declared > this.maxBodyBytes) {
        await res.body?.cancel().catch(() => undefined);
        throw new ResultsServiceError(
          'too_large',
          `The results service answered ${method} with ${declared} bytes, more than the ${this.maxBodyBytes} we read.`,
        );
      }
      const text = await this.readCapped(res, method, controller);
      if (res.status >= 400) {
        // Some hosts answer a wrong key with 4xx and the same plain text.
        if (/invalid db/i.test(text.slice(0, 200))) parseEnvelope(text, method);
        throw new ResultsServiceError('http_error', `The results service answered ${method} with HTTP ${res.status}.`, res.status);
      }
      return text;
    } finally {
      clearTimeout(timer);
    }
  }

  private async readCapped(res: Response, method: string, controller: AbortController): Promise<string> {
    if (!res.body) return '';
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > this.maxBodyBytes) {
          await reader.cancel().catch(() => undefined);
          throw new ResultsServiceError(
            'too_large',
            `The results service's answer to ${method} is over ${this.maxBodyBytes} bytes; it was not read.`,
          );
        }
        chunks.push(value);
      }
    } catch (err) {
      if (err instanceof ResultsServiceError) throw err;
      throw controller.signal.aborted
        ? new ResultsServiceError('timeout', `The results service did not finish answering ${method} within ${this.timeoutMs / 1000} s.`)
        : new ResultsServiceError('network', `The results service's answer to ${method} was cut off.`);
    }
    return Buffer.concat(chunks).toString('utf8');
  }
}

/** Where the configuration says the results service is; undefined when it is not configured. */
export function resultsClientFromEnv(
  env: NodeJS.ProcessEnv = process.env,
  getSecret?: (arn: string) => Promise<string>,
): ResultsClient | undefined {
  const baseUrl = str(env.RESULTS_API_URL);
  if (!baseUrl) return undefined;
  const arn = str(env.RESULTS_API_KEY_SECRET_ARN);
  const apiKey = arn && getSecret ? () => getSecret(arn) : (env.RESULTS_API_KEY ?? '');
  return new ResultsClient({ baseUrl, apiKey });
}
