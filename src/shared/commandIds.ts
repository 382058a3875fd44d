/** Every command the extension contributes; package.json and the registration are both checked against this list. */
export const COMMAND_IDS = [
  'wanKeyframes.setFirstFrame',
  'wanKeyframes.setLastFrame',
  'wanKeyframes.generateFromSelection',
  'wanKeyframes.setDrivingAudio',
  'wanKeyframes.openPanel',
  'wanKeyframes.setApiKey',
  'wanKeyframes.clearApiKey',
  'wanKeyframes.setWorkspaceId',
  'wanKeyframes.showLog',
  'wanKeyframes.openWalkthrough',
  'wanKeyframes.extractFrame',
  'wanKeyframes.continueVideo',
  'wanKeyframes.newStoryboard',
  'wanKeyframes.generateStoryboard',
  'wanKeyframes.joinStoryboard',
  'wanKeyframes.openStoryboardEditor',
  'wanKeyframes.openStoryboardAsText',
] as const;

export type CommandId = (typeof COMMAND_IDS)[number];

/** Commands that only make sense from a context menu, so the Command Palette hides them. */
export const CONTEXT_ONLY_COMMANDS: readonly CommandId[] = [
  'wanKeyframes.setFirstFrame',
  'wanKeyframes.setLastFrame',
  'wanKeyframes.generateFromSelection',
  'wanKeyframes.setDrivingAudio',
  'wanKeyframes.newStoryboard',
];

/** The storyboard editor's view type (package.json `customEditors`), opened with `vscode.openWith`. */
export const STORYBOARD_EDITOR_VIEW_TYPE = 'wanKeyframes.storyboardEditor';
