import { render } from 'preact';
import { App } from './app';
import { interceptLinks } from './lib/router';
import './styles.css';

const root = document.getElementById('app');
if (!root) throw new Error('index.html has no #app element');
root.textContent = '';
interceptLinks();
render(<App />, root);
