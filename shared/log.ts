/** Structured JSON logs (CloudWatch Logs Insights reads them as fields). Silent under tests unless LOG_LEVEL is set. */
type Level = 'debug' | 'info' | 'warn' | 'error';
const ORDER: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };
const threshold = (): number => ORDER[(process.env.LOG_LEVEL as Level) ?? (process.env.VITEST ? 'error' : 'info')] ?? 20;

/**
 * Personal data never goes into logs (contract §12): callers log ids and references only, and as a last line of
 * defence any email address or international phone number in a line (an error's message, say) is masked.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const PHONE = /\+[1-9]\d{6,14}\b/g;
export const redact = (line: string): string => line.replace(EMAIL, '[email]').replace(PHONE, '[phone]');

function write(level: Level, message: string, fields?: Record<string, unknown>): void {
  if (ORDER[level] < threshold()) return;
  const line = redact(
    JSON.stringify({
      level,
      message,
      timestamp: new Date().toISOString(),
      service: process.env.POWERTOOLS_SERVICE_NAME ?? 'results-hotline',
      ...fields,
    }),
  );
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const log = {
  debug: (m: string, f?: Record<string, unknown>) => write('debug', m, f),
  info: (m: string, f?: Record<string, unknown>) => write('info', m, f),
  warn: (m: string, f?: Record<string, unknown>) => write('warn', m, f),
  error: (m: string, f?: Record<string, unknown>) => write('error', m, f),
};

/** A CloudWatch Embedded Metric Format line: alarms read these (namespace from the stage config, METRICS_NAMESPACE). */
export function emitMetric(name: string, value: number, unit: 'Count' | 'None' = 'Count', dimensions: Record<string, string> = {}): void {
  // Only Lambda's log pipeline turns these lines into metrics; elsewhere they are noise.
  if (!process.env.AWS_LAMBDA_FUNCTION_NAME || process.env.METRICS === 'off') return;
  console.log(
    JSON.stringify({
      _aws: {
        Timestamp: Date.now(),
        CloudWatchMetrics: [
          {
            Namespace: process.env.METRICS_NAMESPACE ?? 'ResultsHotline',
            Dimensions: [Object.keys(dimensions)],
            Metrics: [{ Name: name, Unit: unit }],
          },
        ],
      },
      ...dimensions,
      [name]: value,
    }),
  );
}
