/** GET /staff/reports/summary?from=&to=&period=week|month|year — JSON, or CSV with `Accept: text/csv`. */
import { httpFunction, json } from '../../shared/http/lambda-http.js';
import { parseOrThrow } from '../../shared/http/validation.js';
import { runtimeFor } from '../../shared/runtime-core.js';
import { ReportStore } from '../../shared/store/reports.js';
import { lazyReportQuery } from '../../shared/schemas.js';
import { reportCsv, summaryReport, wantsCsv } from '../../shared/usecases/reports.js';

/** The store group this function's use cases need (their parameter types check it), built once per cold start. */
const runtimeDeps = runtimeFor(ReportStore);

export const handler = httpFunction('staff-reports', {
  'GET /staff/reports/summary': async (req) => {
    const q = parseOrThrow(lazyReportQuery(), req.query, 'query string');
    const report = await summaryReport(runtimeDeps().store, q);
    if (wantsCsv(req.headers.accept)) {
      const name = `hotline-report-${report.period}-${report.from}-${report.to}.csv`;
      return { status: 200, body: reportCsv(report), raw: true, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` } };
    }
    return json(200, report);
  },
});
