import * as vscode from 'vscode';
import { panelStrings } from './panelStrings';
import { createNonce, escapeAttribute } from '../../../shared/htmlText';

/** The panel's page: a strict CSP with a nonce, our script and style, and the UI strings as JSON data. */
export function panelHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = createNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview.js'));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'panel.css'));
  const codicons = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'codicons', 'codicon.css'));
  const csp = [
    "default-src 'none'",
    `img-src ${webview.cspSource} data:`,
    `media-src ${webview.cspSource}`,
    `style-src ${webview.cspSource}`,
    `font-src ${webview.cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
  // Strings travel as JSON in a data attribute and are set with textContent: no user text becomes markup.
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link href="${codicons.toString()}" rel="stylesheet" id="vscode-codicon-stylesheet">
<link href="${style.toString()}" rel="stylesheet">
<title>Wan Keyframes</title>
</head>
<body data-strings="${escapeAttribute(JSON.stringify(panelStrings()))}">
<wk-panel id="app"></wk-panel>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
