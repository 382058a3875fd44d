import type { FormValues } from '../../../shared/protocol';
import { defaultValues } from './formDefaults';
import type { FormStore } from './formStore';

/**
 * The form's values: one owner, the host. Loaded from the workspace's form store on the page's first `ready` (or
 * taken from a restored page's state before that), saved on each change, and moved where a default in settings
 * changed.
 */
export class FormModel {
  private current: FormValues;
  /** The defaults the form was last aligned with: a setting that changes moves the fields it governs. */
  private defaults: FormValues;
  private loaded = false;

  constructor(
    private readonly store: FormStore,
    private readonly onSaveFailed: (error: unknown) => void,
  ) {
    this.current = defaultValues();
    this.defaults = this.current;
  }

  get values(): FormValues {
    return this.current;
  }

  /** A restored page's own copy, used only until the store has been read. */
  restore(values: FormValues | undefined): void {
    if (values && !this.loaded) this.current = values;
  }

  /** The store's copy, read once: the form outlives the panel and the window. */
  async load(): Promise<FormValues> {
    if (!this.loaded) {
      this.loaded = true;
      this.current = (await this.store.load()) ?? this.current;
    }
    return this.current;
  }

  async set(values: FormValues): Promise<void> {
    this.current = values;
    this.loaded = true;
    await this.store.save(values).catch(this.onSaveFailed);
  }

  /**
   * A default the user changed in settings moves that field (the others stay as the user left them); a new default
   * model brings its resolution and duration. Returns the new values when a field moved.
   */
  async settingsChanged(): Promise<FormValues | undefined> {
    const next = defaultValues();
    const moved = (Object.keys(next) as Array<keyof FormValues>).filter((field) => next[field] !== this.defaults[field]);
    this.defaults = next;
    if (moved.length === 0) return undefined;
    let values: FormValues = { ...this.current, ...Object.fromEntries(moved.map((field) => [field, next[field]])) };
    if (moved.includes('model')) values = { ...values, resolution: next.resolution, duration: next.duration };
    await this.set(values);
    return values;
  }
}
