/** @type {import('next').NextConfig} */
const nextConfig = {
  // A separate build folder can be chosen (parallel builds in development); default .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // PGlite must not be bundled: it loads its WASM and data files from its own package folder.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "exceljs", "pdfkit"],
  poweredByHeader: false,
};
module.exports = nextConfig;
