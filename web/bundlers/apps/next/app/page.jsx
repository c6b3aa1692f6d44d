'use client';

import { useState } from 'react';
import { runProof } from '../proof-page.js';

export default function Home() {
  const [status, setStatus] = useState('idle');
  return (
    <main>
      <button id="prove" onClick={() => runProof(setStatus)}>
        Prove
      </button>
      <p id="status">{status}</p>
    </main>
  );
}
