import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { TakeView, WebviewMessage, WebviewStrings } from '../../shared/protocol';
import { format } from '../format';

/** Takes shown at first; "Show more" adds as many again. */
export const TAKES_PAGE = 12;

/** What the page knows of the form's takes: the host's last `takes` message and the page's own choices. */
export interface TakesState {
  key: string | null;
  takes: TakeView[];
  hiddenRejected: number;
  total: number;
  showRejected: boolean;
  shown: number;
  /** Takes chosen for the compare view (at most two, in the order chosen). */
  comparing: string[];
}

export interface TakesContext {
  strings: WebviewStrings;
  state: TakesState;
  spent: string | null;
  post(message: WebviewMessage): void;
  patch(patch: Partial<TakesState>): void;
}

/** Chooses a take for the compare view, or unchooses it; a third choice replaces the older of the two. */
export function toggleCompare(comparing: readonly string[], id: string): string[] {
  if (comparing.includes(id)) return comparing.filter((other) => other !== id);
  return [...comparing, id].slice(-2);
}

/** The takes of the frames in the form, newest first, each a triptych; nothing until the frames make a pair. */
export function takesView(c: TakesContext): TemplateResult | typeof nothing {
  const { state: t, strings: s } = c;
  if (t.key === null) return c.spent ? html`<p class="hint spent" data-testid="spent">${c.spent}</p>` : nothing;
  const shown = t.takes.slice(0, t.shown);
  const rejectedShown = t.takes.some((take) => take.verdict === 'rejected');
  const compareHint = t.comparing.length === 1 ? html`<span class="hint" role="status">${s.compareHint}</span>` : nothing;
  return html`
    <section class="takes" aria-label=${s.takesTitle} data-testid="takes">
      <div class="takes-head">
        <h2>${s.takesTitle} <vscode-badge data-testid="takes-count">${t.total}</vscode-badge></h2>
        ${t.hiddenRejected > 0 || t.showRejected
          ? html`<vscode-button secondary icon=${t.showRejected ? 'eye-closed' : 'eye'} data-testid="takes-show-rejected"
              @click=${() => { c.patch({ showRejected: !t.showRejected }); c.post({ type: 'showRejected', show: !t.showRejected }); }}>${t.showRejected ? s.hideRejected : format(s.showRejected, t.hiddenRejected)}</vscode-button>`
          : nothing}
        ${t.hiddenRejected > 0 || rejectedShown
          ? html`<vscode-button secondary icon="trash" data-testid="takes-delete-rejected" @click=${() => c.post({ type: 'deleteRejected' })}>${s.deleteRejected}</vscode-button>`
          : nothing}
        ${compareHint}
      </div>
      ${c.spent ? html`<p class="hint spent" data-testid="spent">${c.spent}</p>` : nothing}
      ${t.takes.length === 0 ? html`<p class="hint" data-testid="takes-none">${s.takesNone}</p>` : nothing}
      ${repeat(
        shown,
        (take) => take.id,
        (take) => html`<wk-take .take=${take} .strings=${s} .post=${c.post} .comparing=${t.comparing.includes(take.id)}
          .toggleCompare=${(id: string) => c.patch({ comparing: toggleCompare(t.comparing, id) })}></wk-take>`,
      )}
      ${t.takes.length > shown.length
        ? html`<vscode-button secondary icon="chevron-down" data-testid="takes-more" @click=${() => c.patch({ shown: t.shown + TAKES_PAGE })}>${format(s.showMore, Math.min(TAKES_PAGE, t.takes.length - shown.length))}</vscode-button>`
        : nothing}
    </section>
  `;
}
