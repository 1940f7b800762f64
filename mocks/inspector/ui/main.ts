import { listenApp } from './listen-app.ts';
import { mockApp } from './mock-app.ts';
import { styles } from './styles.ts';

document.head.append(Object.assign(document.createElement('style'), { textContent: styles }));
const root = document.getElementById('app')!;
const app = document.body.dataset.app === 'listen' ? listenApp : mockApp;
app(root).catch((error: unknown) => {
  root.replaceChildren(Object.assign(document.createElement('p'), { className: 'error', textContent: `Could not load: ${String(error)}` }));
});
