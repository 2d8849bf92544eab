/** @type {import('next').NextConfig} */
const nextConfig = {
  // PGlite must not be bundled: it loads its WASM and data files from its own package folder.
  serverExternalPackages: ["@electric-sql/pglite", "pglite-prisma-adapter", "exceljs", "pdfkit"],
  poweredByHeader: false,
};
module.exports = nextConfig;
