import type { ReactNode } from 'react';
import './styles.css';

export const metadata = {
  title: 'SP1 in the browser',
  description: 'SP1 5.2.4 core proofs made in this tab, on every core',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
