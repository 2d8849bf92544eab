import { PageLoading } from "@/components/page-loading";

/** The fallback for pages without a loading state of their own; the home page waits for the site's totals. */
export default function Loading() {
  return <PageLoading what="the page" blocks={[120, 240]} />;
}
