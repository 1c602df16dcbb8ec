/** Self time per function and per file/package from a V8 .cpuprofile (the flame graph's widest leaves). */
export interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

export interface TopRow {
  name: string;
  where: string;
  pct: number;
}

/** node_modules/@aws-sdk/foo/dist/x.js → @aws-sdk/foo; /repo/shared/x.ts → shared/x.ts; node:internal → (node internals). */
function place(url: string): string {
  if (!url) return '(native/V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const parts = url.slice(nm + 13).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return `${url.split('/')[0]} (node)`;
  const m = /\/(shared|functions|bench|scripts|tests)\/(.*)$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : url;
}

/**
 * What the issue asks "where do the µs go" in: each sample goes to the first category found walking its stack
 * from the leaf up (so the HMAC inside a limits guard counts as crypto, the guard's own code as store items).
 */
export const CATEGORIES: [string, RegExp][] = [
  ['garbage collection', /^\(garbage collector\)$/],
  [
    'crypto (HMAC, hashes, random ids)',
    new RegExp(
      '^(contactHash|hashToken|newTrackingToken|newReference|newId|outboxId|createHash|createHmac|' +
        'randomBytes|randomUUID|Hmac|Hash|digest|update|drawFromPool|etagOfText|randomFillSync)$',
    ),
  ],
  ['JSON parse/stringify', /^(stringify|parse)$/],
  ['validation (zod)', /^(parseOrThrow|safeParse)$/],
  ['calendar math', /^(startSla|serviceStatus|addOpenMinutes|addOpenMs|windowOnDay|compiled\d*|nextWindowMs|localEpochDay)$/],
  ['email rendering', /^(composeEmail|renderDraft|render\w+)$/],
  ['AWS SDK command objects', /^(<instance_members_initializer>|Command|CommandRef|\w+Command)$/],
  [
    'store items (keys, spreads)',
    /^(commitChange|guardItem|caseIndexAttributes|outboxItem|stripKeys|leaseOutbox|markOutboxSent|listQueue|queueItem)$/,
  ],
  ['bench harness (event, context)', /^(apiEvent|lambdaContext|bare|cpuPerCall)$/],
  ['HTTP shell (middy, request, answer)', /^(runRequest|base|toRequest|errorResult|httpFunction)$/],
];

export function byCategory(profile: CpuProfile): { category: string; pct: number }[] {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const t = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    if (byId.get(id)!.callFrame.functionName === '(idle)') return;
    const dt = profile.timeDeltas[i] ?? 0;
    total += dt;
    let cat = 'other (use-case code, V8, Node)';
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName;
      const hit = CATEGORIES.find(([, re]) => re.test(name));
      if (hit) {
        cat = hit[0];
        break;
      }
    }
    t.set(cat, (t.get(cat) ?? 0) + dt);
  });
  return [...t.entries()].sort((a, b) => b[1] - a[1]).map(([category, v]) => ({ category, pct: (100 * v) / total }));
}

export function topSelfTime(
  profile: CpuProfile,
  n: number,
): { functions: TopRow[]; files: TopRow[]; inclusive: TopRow[]; totalMs: number } {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const self = new Map<number, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const fn = new Map<string, { name: string; where: string; t: number }>();
  const file = new Map<string, number>();
  for (const [id, t] of self) {
    const cf = byId.get(id)!.callFrame;
    if (cf.functionName === '(idle)' || (cf.functionName === '(program)' && !cf.url)) {
      // idle time is not CPU; (program) is V8 itself and stays in the total
      if (cf.functionName === '(idle)') {
        total -= t;
        continue;
      }
    }
    const where = `${place(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ''}`;
    const key = `${cf.functionName}@${where}`;
    const cur = fn.get(key) ?? { name: cf.functionName || '(anonymous)', where, t: 0 };
    cur.t += t;
    fn.set(key, cur);
    file.set(place(cf.url), (file.get(place(cf.url)) ?? 0) + t);
  }
  const pct = (t: number) => (100 * t) / total;
  // Inclusive ("total") time: each sample counts once for every distinct function on its stack.
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const incl = new Map<string, number>();
  for (const [id, t] of self) {
    if (byId.get(id)!.callFrame.functionName === '(idle)') continue;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      if (!cf.url) continue;
      const key = `${cf.functionName || '(anonymous)'}  ${place(cf.url)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + t);
    }
  }
  return {
    totalMs: total / 1000,
    functions: [...fn.values()]
      .sort((a, b) => b.t - a.t)
      .slice(0, n)
      .map((r) => ({ name: r.name, where: r.where, pct: pct(r.t) })),
    inclusive: [...incl.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, t]) => ({ name, where: '', pct: pct(t) })),
    files: [...file.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([where, t]) => ({ name: '', where, pct: pct(t) })),
  };
}
