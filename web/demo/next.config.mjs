// The prover needs SharedArrayBuffer for its threads, so responses make the page cross-origin
// isolated. Adding `?isolation=off` to a URL leaves the headers out, to show (and test) what a
// page that is not isolated gets.

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  async headers() {
    return [
      {
        source: '/:path*',
        missing: [{ type: 'query', key: 'isolation', value: 'off' }],
        headers: [
          { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
          { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
        ],
      },
    ];
  },
};

export default nextConfig;
