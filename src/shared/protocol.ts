import { z } from 'zod';

/** One frame as the form shows it. `src` is a webview URI made by the host; the webview never sees a file path. */
export const FrameViewSchema = z.object({
  name: z.string().max(1024),
  src: z.string().max(8192),
});
export type FrameView = z.infer<typeof FrameViewSchema>;

export const HostStateMessageSchema = z.object({
  type: z.literal('state'),
  first: FrameViewSchema.nullable(),
  last: FrameViewSchema.nullable(),
});

/** Host → webview. */
export const HostMessageSchema = z.discriminatedUnion('type', [HostStateMessageSchema]);
export type HostMessage = z.infer<typeof HostMessageSchema>;

/** Webview → host. */
export const WebviewMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('swap') }),
]);
export type WebviewMessage = z.infer<typeof WebviewMessageSchema>;

/** Strings the host localises and hands to the webview once, at load. */
export const WebviewStringsSchema = z.object({
  title: z.string(),
  firstFrame: z.string(),
  lastFrame: z.string(),
  noFrame: z.string(),
  swap: z.string(),
});
export type WebviewStrings = z.infer<typeof WebviewStringsSchema>;
