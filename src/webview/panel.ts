import { html, LitElement, nothing } from 'lit';
import { jobsView } from './jobsView';
import type { ExtractSource, FormState, FormValues, HostMessage, JobView, ModelInfo, Reply, Request, WebviewMessage, WebviewStrings } from '../shared/protocol';
import { fieldsView, type FormContext, framesView, generateBar } from './formView';
import { TAKES_PAGE, type TakesState, takesView } from './takes/takesView';
import { MAX_TAKES, MIN_TAKES } from '../shared/variations';

type TextField = 'prompt' | 'negativePrompt' | 'seed';

/**
 * The page: built once, then patched by lit as the host's messages and the user's edits arrive. Nothing here ever
 * replaces the element the user is typing in, and a value from the host never lands in a field the user is editing
 * or composing in, so focus, caret, scroll, input-method compositions and playing videos all survive updates.
 */
export class GenerationPanelView extends LitElement {
  declare strings: WebviewStrings;
  declare models: ModelInfo[];
  declare values: FormValues | undefined;
  declare state: FormState | undefined;
  declare jobs: JobView[];
  declare takes: TakesState;
  /** The video whose frames are being picked (a take's, or an mp4 from the Explorer). */
  declare extract: ExtractSource | undefined;
  /** Sends to the host. */
  post: (message: WebviewMessage) => void = () => undefined;
  /** Asks the host and waits for the answer (requests.ts). */
  request: (request: Request) => Promise<Reply> = async () => ({ type: 'reply', id: '', ok: false });
  /** Keeps the form for a reload (a render cache; the host's form store is the source). */
  remember: (values: FormValues) => void = () => undefined;
  private formTimer: ReturnType<typeof setTimeout> | undefined;
  /** The text field the user is in: the host's `form` messages leave it alone. */
  private editing: TextField | undefined;
  /** The count field holds something that is not 1–8 (the form keeps its last good count meanwhile). */
  private countInvalid = false;

  static override properties = {
    strings: { attribute: false },
    models: { attribute: false },
    values: { attribute: false },
    state: { attribute: false },
    jobs: { attribute: false },
    takes: { attribute: false },
    extract: { attribute: false },
  };

  constructor() {
    super();
    this.strings = {} as WebviewStrings;
    this.models = [];
    this.jobs = [];
    this.takes = { key: null, takes: [], hiddenRejected: 0, total: 0, showRejected: false, shown: TAKES_PAGE, comparing: [] };
    this.addEventListener('keydown', (event) => this.keydown(event));
    this.addEventListener('focusin', (event) => (this.editing = fieldOf(event.target)));
    this.addEventListener('focusout', () => (this.editing = undefined));
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  get ready(): boolean {
    return this.values !== undefined && this.state !== undefined && this.models.length > 0;
  }

  receive(message: HostMessage): void {
    this.apply(message);
    // When the form first has all it needs: the e2e suite prints the time from the page's start to here.
    if (this.ready && performance.getEntriesByName('wk-interactive').length === 0) performance.mark('wk-interactive');
  }

  private apply(message: HostMessage): void {
    switch (message.type) {
      case 'init':
        this.models = message.models;
        this.values = message.form;
        this.remember(message.form);
        return;
      case 'state': {
        const { type: _type, ...state } = message;
        this.state = state;
        return;
      }
      case 'form': {
        const field = this.editing;
        this.values = field && this.values ? { ...message.form, [field]: this.values[field] } : message.form;
        this.remember(this.values);
        return;
      }
      case 'jobs':
        this.jobs = message.jobs;
        return;
      case 'job':
        this.jobs = this.jobs.map((job) => (job.id === message.job.id ? message.job : job));
        return;
      case 'takes': {
        // Another pair of frames starts from its first page; the compare choice keeps the takes still there.
        const samePair = message.key === this.takes.key;
        const ids = new Set(message.takes.map((take) => take.id));
        this.takes = {
          ...this.takes,
          key: message.key,
          takes: message.takes,
          hiddenRejected: message.hiddenRejected,
          total: message.total,
          shown: samePair ? this.takes.shown : TAKES_PAGE,
          comparing: this.takes.comparing.filter((id) => ids.has(id)),
        };
        return;
      }
      case 'extract':
        this.extract = message.video;
        void this.updateComplete.then(() => this.reveal('wk-extract'));
        return;
      case 'reply':
        return;
    }
  }

  /** Brings a view that just opened into sight, and the keyboard into it. */
  private reveal(selector: string): void {
    const element = this.querySelector<HTMLElement>(selector);
    element?.scrollIntoView({ block: 'nearest' });
    element?.querySelector<HTMLElement>('section')?.focus({ preventScroll: true });
  }

  protected override render(): unknown {
    if (!this.ready) return html`<p class="hint" role="status">${this.strings.loading}</p>`;
    const context = this.context();
    return html`
      <section class="form" aria-label=${this.strings.formLabel}>
        ${framesView(context)} ${fieldsView(context)} ${generateBar(context)}
      </section>
      ${jobsView({ jobs: this.jobs, strings: this.strings, post: this.post })}
      ${this.extract
        ? html`<wk-extract .video=${this.extract} .strings=${this.strings} .post=${this.post} .request=${this.request} .close=${() => (this.extract = undefined)}></wk-extract>`
        : nothing}
      ${this.compareView()}
      ${takesView({ strings: this.strings, state: this.takes, spent: this.state?.spent ?? null, post: this.post, patch: (patch) => this.patchTakes(patch) })}
    `;
  }

  /** Two takes chosen: the compare view, above the list. */
  private compareView(): unknown {
    const [a, b] = this.takes.comparing.map((id) => this.takes.takes.find((take) => take.id === id));
    if (!a?.videoSrc || !b?.videoSrc) return nothing;
    return html`<wk-compare .a=${a} .b=${b} .strings=${this.strings} .close=${() => this.patchTakes({ comparing: [] })}></wk-compare>`;
  }

  private patchTakes(patch: Partial<TakesState>): void {
    const opening = patch.comparing?.length === 2 && this.takes.comparing.length !== 2;
    this.takes = { ...this.takes, ...patch };
    if (opening) void this.updateComplete.then(() => this.reveal('wk-compare'));
  }

  private context(): FormContext {
    return {
      strings: this.strings,
      models: this.models,
      values: this.values as FormValues,
      state: this.state as FormState,
      change: (patch) => this.change(patch),
      post: this.post,
      request: this.request,
      generate: () => this.generate(),
      typed: (field, event) => this.typed(field, event),
      countInvalid: this.countInvalid,
      setCount: (text) => {
        const count = Number(text);
        this.countInvalid = !(Number.isInteger(count) && count >= MIN_TAKES && count <= MAX_TAKES);
        if (this.countInvalid) this.requestUpdate();
        else this.change({ count });
      },
    };
  }

  private typed(field: TextField, event: Event): void {
    // Mid-composition the field holds the input method's draft ("ni hao"); the composition's end brings the text.
    if ((event as InputEvent).isComposing) return;
    this.change({ [field]: (event.target as HTMLTextAreaElement).value });
  }

  private change(patch: Partial<FormValues>): void {
    if (!this.values) return;
    this.values = { ...this.values, ...patch };
    this.remember(this.values);
    // Typing sends at most one message per 150 ms; the host answers with fresh checks.
    clearTimeout(this.formTimer);
    const values = this.values;
    this.formTimer = setTimeout(() => this.post({ type: 'form', values }), 150);
  }

  private generate(): void {
    if (!this.values || !this.state || this.state.blocked !== null || this.countInvalid) return;
    clearTimeout(this.formTimer);
    this.post({ type: 'generate', values: this.values });
  }

  private keydown(event: KeyboardEvent): void {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      this.generate();
      return;
    }
    if (event.key === 'Escape' && !event.isComposing && fieldOf(event.target)) {
      // Escape leaves the field (an input method's own Escape, mid-composition, is left to it).
      (document.activeElement as HTMLElement | null)?.blur();
    }
  }
}

function fieldOf(target: EventTarget | null): TextField | undefined {
  const id = (target as HTMLElement | null)?.id;
  return id === 'prompt' || id === 'negativePrompt' || id === 'seed' ? id : undefined;
}
