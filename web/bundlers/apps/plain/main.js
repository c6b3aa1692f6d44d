import { runProof } from './proof-page.js';

const status = document.getElementById('status');
document.getElementById('prove').addEventListener('click', () => runProof((text) => (status.textContent = text)));
