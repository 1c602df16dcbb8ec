/** GET /staff/reports/summary?from=&to=&period=week|month|year — JSON, or CSV with `Accept: text/csv`. */
import { authenticatedFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { ReportStore } from '../../shared/store/reports.js';
import { lazyReportQuery } from '../../shared/schemas.js';
import type { Deps } from '../../shared/usecases/deps.js';
import { reportCsv, summaryReport, wantsCsv } from '../../shared/usecases/reports.js';
import { depsFromEnv } from '../../shared/wiring/deps.js';

export type StaffReportsDeps = Pick<Deps<ReportStore>, 'store'>;

/** The composition root: the handler from its dependencies (tests build it with theirs). */
export const makeHandler = (deps: StaffReportsDeps) =>
  authenticatedFunction('staff-reports', {
    'GET /staff/reports/summary': async (req) => {
      const q = parseOrThrow(lazyReportQuery(), req.query, 'query string');
      const report = await summaryReport(deps.store, q);
      if (wantsCsv(req.headers.accept)) {
        const name = `hotline-report-${report.period}-${report.from}-${report.to}.csv`;
        return {
          status: 200,
          body: reportCsv(report),
          raw: true,
          headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` },
        };
      }
      return json(200, report);
    },
  });

/** Built once per cold start (in Lambda at init) from the environment. */
export const buildDeps = (): StaffReportsDeps => depsFromEnv(ReportStore);
export const handler = makeHandler(buildDeps());
