/** Labelled form controls with hint and error text wired up for screen readers (WCAG 2.1 AA). */
import { h, uid } from './dom.js';

export interface FieldOpts {
  label: string;
  name: string;
  hint?: string;
  error?: string;
  required?: boolean;
  requiredText?: string;
}

function described(id: string, o: FieldOpts) {
  const hintId = o.hint ? `${id}-hint` : undefined;
  const errId = o.error ? `${id}-error` : undefined;
  return {
    hint: o.hint ? h('p', { class: 'hint', id: hintId }, o.hint) : null,
    error: o.error ? h('p', { class: 'error-text', id: errId, 'data-error-for': o.name }, o.error) : null,
    attrs: { 'aria-describedby': [errId, hintId].filter(Boolean).join(' ') || null, 'aria-invalid': o.error ? 'true' : null },
  };
}

function labelText(o: FieldOpts) {
  return [o.label, o.required && o.requiredText ? h('span', { class: 'req' }, ` (${o.requiredText})`) : null];
}

export function inputField(
  o: FieldOpts & {
    type?: string;
    value: string;
    autocomplete?: string;
    inputmode?: string;
    onInput: (v: string) => void;
    min?: number;
    max?: number;
  },
) {
  const id = uid('f');
  const d = described(id, o);
  const input = h('input', {
    id,
    name: o.name,
    type: o.type ?? 'text',
    value: o.value,
    autocomplete: o.autocomplete,
    inputmode: o.inputmode,
    min: o.min,
    max: o.max,
    'aria-required': o.required ? 'true' : null,
    ...d.attrs,
    oninput: (e: Event) => o.onInput((e.target as HTMLInputElement).value),
  });
  return h('div', { class: `field${o.error ? ' has-error' : ''}` }, h('label', { for: id }, labelText(o)), d.hint, d.error, input);
}

export function textareaField(o: FieldOpts & { value: string; rows?: number; onInput: (v: string) => void }) {
  const id = uid('f');
  const d = described(id, o);
  const ta = h('textarea', {
    id,
    name: o.name,
    rows: o.rows ?? 5,
    maxlength: 4000,
    'aria-required': o.required ? 'true' : null,
    ...d.attrs,
    oninput: (e: Event) => o.onInput((e.target as HTMLTextAreaElement).value),
  });
  ta.value = o.value;
  return h('div', { class: `field${o.error ? ' has-error' : ''}` }, h('label', { for: id }, labelText(o)), d.hint, d.error, ta);
}

export function selectField(o: FieldOpts & { value: string; options: [string, string][]; onChange: (v: string) => void }) {
  const id = uid('f');
  const d = described(id, o);
  const sel = h(
    'select',
    {
      id,
      name: o.name,
      'aria-required': o.required ? 'true' : null,
      ...d.attrs,
      onchange: (e: Event) => o.onChange((e.target as HTMLSelectElement).value),
    },
    o.options.map(([v, text]) => h('option', { value: v, selected: v === o.value }, text)),
  );
  return h('div', { class: `field${o.error ? ' has-error' : ''}` }, h('label', { for: id }, labelText(o)), d.hint, d.error, sel);
}
