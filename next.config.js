/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder can be chosen (parallel builds in development); default .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite must not be bundled: it loads its WASM and data files from its own package folder.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "exceljs", "pdfkit"],
  poweredByHeader: false,
  // proxy.ts (security headers) sees every request, and Next cuts a body it buffers for a proxy at 10 MB by
  // default: a 24 MiB workbook arrived truncated ("The multipart body could not be read"). The largest route
  // limit is the estates' 60 MiB (lib/estates/upload.ts); every route checks its own limit after this.
  experimental: { proxyClientMaxBodySize: 64 * 1024 * 1024 },
};
module.exports = nextConfig;
