import { css } from 'lit';

/** The editor's look, from the theme's own colours: Light, Dark and High Contrast (its borders) alike. */
export const editorStyles = css`
  :host {
    display: block;
    color: var(--vscode-foreground);
    font-family: var(--vscode-font-family);
    font-size: var(--vscode-font-size);
    padding: 0 16px 24px;
    max-width: 960px;
  }
  .toolbar {
    position: sticky;
    top: 0;
    z-index: 1;
    display: flex;
    flex-wrap: wrap;
    gap: 8px;
    align-items: center;
    padding: 10px 0;
    background: var(--vscode-editor-background);
    border-bottom: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
  }
  .toolbar h1 {
    font-size: 1.1em;
    font-weight: 600;
    margin: 0 auto 0 0;
    overflow-wrap: anywhere;
  }
  .hint {
    color: var(--vscode-descriptionForeground);
    margin: 8px 0;
  }
  ol.board {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .frame {
    display: flex;
    gap: 12px;
    align-items: center;
    padding: 8px;
    border: 1px solid var(--vscode-panel-border, var(--vscode-contrastBorder, transparent));
    border-radius: 4px;
    background: var(--vscode-sideBar-background, transparent);
    outline: none;
  }
  .frame:focus-visible,
  .frame:focus {
    outline: 1px solid var(--vscode-focusBorder);
    outline-offset: -1px;
  }
  .frame.dragging {
    opacity: 0.5;
  }
  .frame.drop-target {
    border-color: var(--vscode-focusBorder);
    border-style: dashed;
  }
  .thumb {
    flex: none;
    width: 128px;
    height: 72px;
    display: grid;
    place-items: center;
    background: var(--vscode-editorWidget-background, transparent);
    border: 1px solid var(--vscode-contrastBorder, transparent);
    overflow: hidden;
  }
  .thumb img {
    width: 100%;
    height: 100%;
    object-fit: contain;
  }
  .frame .name {
    flex: 1;
    min-width: 0;
    overflow-wrap: anywhere;
  }
  .frame .number {
    color: var(--vscode-descriptionForeground);
    margin-right: 6px;
  }
  .state {
    display: block;
    color: var(--vscode-errorForeground);
    font-size: 0.9em;
  }
  .actions {
    display: flex;
    gap: 2px;
    flex: none;
  }
  .segment {
    margin: 0 0 0 28px;
    padding: 8px 0 8px 16px;
    border-left: 2px solid var(--vscode-textLink-foreground, var(--vscode-contrastBorder));
  }
  .segment h2 {
    font-size: 1em;
    font-weight: 600;
    margin: 0 0 6px;
    overflow-wrap: anywhere;
  }
  .fields {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(160px, 1fr));
    gap: 8px;
    margin-top: 8px;
  }
  label {
    display: flex;
    flex-direction: column;
    gap: 3px;
  }
  textarea,
  select,
  input {
    font: inherit;
    color: var(--vscode-input-foreground);
    background: var(--vscode-input-background);
    border: 1px solid var(--vscode-input-border, var(--vscode-contrastBorder, transparent));
    border-radius: 2px;
    padding: 4px 6px;
    box-sizing: border-box;
    width: 100%;
  }
  select {
    color: var(--vscode-dropdown-foreground);
    background: var(--vscode-dropdown-background);
    border-color: var(--vscode-dropdown-border, var(--vscode-contrastBorder, transparent));
  }
  textarea {
    min-height: 4.5em;
    resize: vertical;
  }
  textarea:focus,
  select:focus,
  input:focus {
    outline: 1px solid var(--vscode-focusBorder);
    outline-offset: -1px;
  }
  .take {
    margin-top: 8px;
    max-width: 640px;
  }
  .notice {
    margin: 8px 0;
    padding: 6px 8px;
    border: 1px solid var(--vscode-inputValidation-warningBorder, var(--vscode-contrastBorder));
    background: var(--vscode-inputValidation-warningBackground, transparent);
  }
  .invalid pre {
    white-space: pre-wrap;
    padding: 8px;
    border: 1px solid var(--vscode-inputValidation-errorBorder, var(--vscode-contrastBorder));
    background: var(--vscode-inputValidation-errorBackground, transparent);
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (max-width: 420px) {
    :host {
      padding: 0 8px 16px;
    }
    .toolbar {
      position: static;
    }
    .frame {
      flex-wrap: wrap;
    }
    .thumb {
      width: 96px;
      height: 54px;
    }
    .segment {
      margin-left: 8px;
      padding-left: 10px;
    }
  }
`;
