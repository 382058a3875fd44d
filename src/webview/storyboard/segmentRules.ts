import type { EditorModel, EditorSegment, SegmentPatch } from '../../shared/storyboardEditorProtocol';

/** `{0}`, `{1}`… in a host string, filled in order. */
export function fill(template: string, ...values: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, at: string) => (values[Number(at)] === undefined ? whole : String(values[Number(at)])));
}

/**
 * The patch for a new model: the segment's resolution and duration follow when the new model does not allow them
 * (the nearest it allows), and `continue` mode goes when the model cannot continue a clip.
 */
export function modelPatch(segment: EditorSegment, model: EditorModel | undefined, id: string): SegmentPatch {
  const patch: SegmentPatch = { model: id };
  if (!model) return patch;
  if (model.resolutions.length > 0 && !model.resolutions.includes(segment.resolution)) {
    patch.resolution = model.resolutions.includes('720P') ? '720P' : (model.resolutions[0] as string);
  }
  const duration = clampDuration(segment.duration, model);
  if (duration !== segment.duration) patch.duration = duration;
  if (segment.mode === 'continue' && !model.continues) patch.mode = 'keyframes';
  return patch;
}

/** A whole number of seconds within the model's range. */
export function clampDuration(seconds: number, model: EditorModel | undefined): number {
  const whole = Math.round(Number.isFinite(seconds) ? seconds : 0);
  if (!model) return whole;
  return Math.min(model.maxDuration, Math.max(model.minDuration, whole));
}

/** Whether a segment may continue the previous take: not the first, and only with a model that continues clips. */
export function mayContinue(index: number, model: EditorModel | undefined): boolean {
  return index > 0 && model?.continues === true;
}

/** The position a keyboard move goes to, or undefined at either end. */
export function movedTo(index: number, count: number, key: string): number | undefined {
  const step = key === 'ArrowUp' || key === 'ArrowLeft' ? -1 : key === 'ArrowDown' || key === 'ArrowRight' ? 1 : 0;
  const to = index + step;
  return step === 0 || to < 0 || to >= count ? undefined : to;
}

/** The list after moving one item (the page shows a move at once, before the host's view comes back). */
export function moved<T>(items: readonly T[], from: number, to: number): T[] {
  const next = [...items];
  const [item] = next.splice(from, 1);
  if (item !== undefined) next.splice(to, 0, item);
  return next;
}
