/**
 * Key templates: `C#<id>`, `<receivedAt>#<id>`, `QUEUE`. A template is written once (./items.ts) and both
 * builds keys (`build({ id })`, type-checked: every placeholder is required) and documents them (`text`),
 * so the table layout in the docs is the one the code writes. Parsed once, built by concatenation.
 */

/** The placeholder names of a template: `'C#<id>#<n>'` → `'id' | 'n'`. */
export type Placeholders<T extends string> = T extends `${string}<${infer V}>${infer Rest}` ? V | Placeholders<Rest> : never;
export type KeyParams<T extends string> = { readonly [K in Placeholders<T>]: string | number };

export interface KeyTemplate<T extends string = string> {
  /** the template as written, e.g. `C#<id>` */
  readonly text: T;
  /** the literal text before the first placeholder (`C#`): what a `begins_with` condition or a parse uses */
  readonly prefix: string;
  /** true when the template has no placeholder (a constant key such as `META`) */
  readonly constant: boolean;
  build(params: KeyParams<T>): string;
}

export function keyTemplate<T extends string>(text: T): KeyTemplate<T> {
  // split() with a capture group: even entries are literal text, odd entries placeholder names
  const parts = text.split(/<([A-Za-z][A-Za-z0-9]*)>/);
  if (parts.some((p, i) => i % 2 === 0 && /[<>]/.test(p))) {
    throw new Error(`Key template ${text}: a placeholder is <name> (letters and digits)`);
  }
  const constant = parts.length === 1;
  return { text, prefix: parts[0]!, constant, build: compile(text, parts) as KeyTemplate<T>['build'] };
}

type Build = (params: Record<string, string | number>) => string;

/** Keys are built on every request: plain concatenation, specialised for up to three placeholders (all keys today). */
function compile(text: string, parts: string[]): Build {
  const [a = '', k1 = '', b = '', k2 = '', c = '', k3 = '', d = ''] = parts;
  switch (parts.length) {
    case 1:
      return () => text;
    case 3:
      return (p) => a + p[k1] + b;
    case 5:
      return (p) => a + p[k1] + b + p[k2] + c;
    case 7:
      return (p) => a + p[k1] + b + p[k2] + c + p[k3] + d;
    default:
      return (p) => {
        let out = parts[0]!;
        for (let i = 1; i < parts.length; i += 2) out += String(p[parts[i]!]) + parts[i + 1]!;
        return out;
      };
  }
}
