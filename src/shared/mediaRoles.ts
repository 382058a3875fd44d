/**
 * What goes into a video, by the API's own names (dashscope-api.md §4.2: `media[].type`). The one place they are
 * spelled: everything else says `ROLE.first`, `ROLE.clip`… and keys its inputs by `MediaRole`.
 */
export const ROLE = {
  first: 'first_frame',
  last: 'last_frame',
  audio: 'driving_audio',
  clip: 'first_clip',
} as const;

export type RoleSlug = keyof typeof ROLE;
export type MediaRole = (typeof ROLE)[RoleSlug];

/** Every role, in the order the API lists them (and a create body sends them). */
export const MEDIA_ROLES = [ROLE.first, ROLE.last, ROLE.audio, ROLE.clip] as const satisfies readonly MediaRole[];

/** The two frames. */
export const FRAME_ROLES = [ROLE.first, ROLE.last] as const;
export type FrameRole = (typeof FRAME_ROLES)[number];

export type MediaKind = 'image' | 'audio' | 'video';

export const ROLE_KIND: Record<MediaRole, MediaKind> = {
  [ROLE.first]: 'image',
  [ROLE.last]: 'image',
  [ROLE.audio]: 'audio',
  [ROLE.clip]: 'video',
};

/** A role's short name: the page's test ids and CSS classes, the CLI's flags (`--first`, `--last`…). */
export const ROLE_SLUG = Object.fromEntries(Object.entries(ROLE).map(([slug, role]) => [role, slug])) as Record<MediaRole, RoleSlug>;

/** A role as a person reads it, in both languages. */
export const ROLE_LABEL: Record<MediaRole, { en: string; zh: string }> = {
  [ROLE.first]: { en: 'First frame', zh: '首帧' },
  [ROLE.last]: { en: 'Last frame', zh: '尾帧' },
  [ROLE.audio]: { en: 'Driving audio', zh: '驱动音频' },
  [ROLE.clip]: { en: 'First clip', zh: '首段视频' },
};

/** Inputs keyed by role: a request's paths, a plan's facts, a record's files, the URLs a create sends. */
export type Inputs<T> = Partial<Record<MediaRole, T>>;

export function isMediaRole(value: unknown): value is MediaRole {
  return (MEDIA_ROLES as readonly unknown[]).includes(value);
}

export function isFrameRole(value: unknown): value is FrameRole {
  return (FRAME_ROLES as readonly unknown[]).includes(value);
}

/** The roles present in `inputs`, in the API's order. */
export function rolesOf(inputs: Inputs<unknown>): MediaRole[] {
  return MEDIA_ROLES.filter((role) => inputs[role] !== undefined);
}

/** The inputs with each value mapped (a role whose value maps to undefined is dropped). */
export function mapInputs<T, U>(inputs: Inputs<T>, map: (value: T, role: MediaRole) => U | undefined): Inputs<U> {
  const mapped: Inputs<U> = {};
  for (const role of rolesOf(inputs)) {
    const value = map(inputs[role] as T, role);
    if (value !== undefined) mapped[role] = value;
  }
  return mapped;
}
