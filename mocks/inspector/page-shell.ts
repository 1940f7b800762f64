/** The HTML the inspector's page starts from; the script renders everything else (`app`: which page). */
export function pageShell(title: string, script: string, app: 'mock' | 'listen' = 'mock'): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="icon" href="data:,">
</head>
<body data-app="${app}">
<div id="app"><p>Loading…</p></div>
<script type="module" src="${script}"></script>
</body>
</html>
`;
}
